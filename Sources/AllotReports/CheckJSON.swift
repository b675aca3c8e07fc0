import Allot
import LinearSolver
import PlanFormat

/// `allot check --json`: whether a plan is valid, every error and warning with its place, and
/// (for a valid plan) what it holds and the size of its program (format ``JSONFormat/version``,
/// models/output/check.schema.json).
package enum CheckJSON {
    /// The check of one plan file.
    ///
    /// - Parameters:
    ///   - file: the plan file as the user named it (the command's display path).
    ///   - plan: the plan as read (with its scenario applied), nil when it could not be read.
    ///   - errors: every error found; the plan is valid when there is a plan and no error.
    ///   - warnings: the warnings of a plan that was read.
    /// - Returns: `{"formatVersion", "file", "valid", "errors", "warnings", "summary"}`, with
    ///   `summary` only for a valid plan. An error's or warning's `line` and `column` are null when
    ///   it has no single place.
    package static func render(file: String, plan: Plan?, errors: [PlanError] = [], warnings: [PlanWarning] = []) -> JSONValue {
        let valid = plan != nil && errors.isEmpty
        var document: [(key: String, value: JSONValue)] = [
            JSONFormat.versionMember,
            ("file", .string(file)),
            ("valid", .bool(valid)),
            ("errors", .array(errors.map { issue(file: $0.file, path: $0.path, line: $0.line, column: $0.column, message: $0.message) })),
            ("warnings", .array(warnings.map { issue(file: $0.file, path: $0.path, line: $0.line, column: $0.column, message: $0.message) })),
        ]
        if valid, let plan { document.append(("summary", summary(plan))) }
        return .object(document)
    }

    /// A plan that could not be read: its errors (``PlanErrors``, as `PlanReader` throws them).
    package static func render(file: String, errors: PlanErrors) -> JSONValue {
        render(file: file, plan: nil, errors: errors.errors)
    }

    /// A plan that was read, with its warnings (``PlanLoad``, as `PlanReader` returns it).
    package static func render(file: String, load: PlanLoad) -> JSONValue {
        render(file: file, plan: load.plan, warnings: load.warnings)
    }

    static func issue(file: String, path: String, line: Int?, column: Int?, message: String) -> JSONValue {
        .object([
            ("file", .string(file)),
            ("line", .number(line.map(Double.init))),
            ("column", .number(column.map(Double.init))),
            ("path", .string(path)),
            ("message", .string(message)),
        ])
    }

    /// What the plan holds and the size of the program it becomes.
    static func summary(_ plan: Plan) -> JSONValue {
        let size = PlanSolver.size(of: plan)
        return .object([
            ("teams", .number(Double(plan.teams.count))),
            ("requests", .number(Double(plan.requests.count))),
            ("kpis", .number(Double(plan.kpis.count))),
            ("rules", .number(Double(plan.constraints.count))),
            ("scenarios", .number(Double(plan.scenarios.count))),
            ("integer", .bool(size.isInteger)),
            ("columns", .number(Double(size.columns))),
            ("rows", .number(Double(size.rows))),
        ])
    }
}
