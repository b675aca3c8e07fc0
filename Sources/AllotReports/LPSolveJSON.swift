import Allot
import LinearSolver
import PlanFormat

/// `allot lp solve --json`: a solved program's status, objective, every variable's value and
/// reduced cost and every row's activity and dual (format ``JSONFormat/version``,
/// models/output/lp-solve.schema.json).
package enum LPSolveJSON {
    /// The solved program, keys in a stable order.
    ///
    /// - Parameters:
    ///   - path: the model file as the user named it.
    ///   - seconds: how long the solve took; written (as `seconds`) only when `timing`, since it
    ///     changes from run to run.
    package static func render(path: String, program: LinearProgram, solution: Solution, seconds: Double, timing: Bool = false) -> JSONValue {
        let duals = try? solution.duals()
        let reduced = try? solution.allReducedCosts()
        let variables: [JSONValue] = program.variables.enumerated().map { index, variable in
            var members: [(key: String, value: JSONValue)] = [
                ("name", .string(variable.name)),
                ("kind", .string(variable.kind.rawValue)),
                ("value", .number(solution.values?[index])),
            ]
            if let reduced { members.append(("reducedCost", .number(reduced[index]))) }
            return .object(members)
        }
        let rows: [JSONValue] = program.constraints.enumerated().map { index, row in
            var members: [(key: String, value: JSONValue)] = [
                ("name", .string(row.name)),
                ("activity", .number(solution.activities?[index])),
            ]
            if let duals { members.append(("dual", .number(duals[index]))) }
            return .object(members)
        }
        var document: [(key: String, value: JSONValue)] = [
            JSONFormat.versionMember,
            ("file", .string(path)),
            ("status", .string(solution.status.code)),
            ("sense", .string(program.sense.rawValue)),
            ("objective", .number(solution.objective)),
        ]
        if solution.isInteger {
            document.append(("relativeGap", .number(solution.relativeGap)))
            document.append(("dualsNote", .string("an integer program has no duals")))
        }
        document.append(("iterations", .number(Double(solution.iterations))))
        if timing { document.append(("seconds", .number((seconds * 1e6).rounded() / 1e6))) }
        document += [
            ("variables", .array(variables)),
            ("constraints", .array(rows)),
        ]
        return .object(document)
    }
}
