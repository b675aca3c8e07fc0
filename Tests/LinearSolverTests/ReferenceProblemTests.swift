import Testing

@testable import LinearSolver

/// Netlib and MIPLIB problems solved to their published optima, read through the Swift API.
@Suite struct ReferenceProblemTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let optimum: Double
        var testDescription: String { name }
    }

    static let netlib: [Case] = Reference.optima("netlib").compactMap { row in
        guard row.count >= 3, let value = Double(row[2]) else { return nil }
        return Case(name: row[0], optimum: value)
    }

    static let miplib: [Case] = Reference.optima("miplib").compactMap { row in
        guard row.count >= 2, let value = Double(row[1]) else { return nil }
        return Case(name: row[0], optimum: value)
    }

    @Test func referenceProblemsArePresentOrSkippedOnPurpose() {
        if Reference.directory == nil {
            print(Reference.skipMessage)
        } else {
            #expect(Self.netlib.count >= 50)
            #expect(Self.miplib.count >= 15)
        }
    }

    @Test(.enabled(if: Reference.directory != nil, Comment(rawValue: Reference.skipMessage)), arguments: netlib)
    func netlibOptimum(_ problem: Case) throws {
        let path = Reference.directory! + "/netlib/\(problem.name).mps"
        let program = try LinearProgram(contentsOf: path, format: .fixedMPS)
        let solution = try Solver(program).solve()
        #expect(solution.status == .optimal)
        #expect(isClose(solution.objective, problem.optimum, relative: 1e-6),
                "\(problem.name): \(solution.objective ?? .nan) against \(problem.optimum)")
        // Duals exist for a linear program and price the optimum: reduced costs are consistent.
        #expect(try solution.duals().count == program.constraints.count)
    }

    @Test(.enabled(if: Reference.directory != nil, Comment(rawValue: Reference.skipMessage)), arguments: miplib)
    func miplibOptimum(_ problem: Case) throws {
        let path = Reference.directory! + "/miplib/\(problem.name).mps"
        let program = try LinearProgram(contentsOf: path, format: .freeMPS)
        #expect(program.hasIntegerVariables)
        var options = SolveOptions()
        options.timeLimit = 120
        let solution = try Solver(program).solve(options)
        #expect(solution.status == .optimal, "\(problem.name): \(solution.status)")
        // miplib3.cat lists optima to about 6 significant digits.
        #expect(isClose(solution.objective, problem.optimum, relative: 1e-5),
                "\(problem.name): \(solution.objective ?? .nan) against \(problem.optimum)")
        #expect(throws: SolverError.self) { try solution.duals() }
    }

    @Test(.enabled(if: Reference.directory != nil, Comment(rawValue: Reference.skipMessage)))
    func extensionPicksTheMPSReader() throws {
        // Netlib files read only with the fixed reader for some (blend); MIPLIB only with the free one.
        for path in ["/netlib/blend.mps", "/netlib/afiro.mps", "/miplib/p0033.mps"] {
            let program = try LinearProgram(contentsOf: Reference.directory! + path)
            #expect(!program.variables.isEmpty, "\(path)")
        }
    }

    @Test(.enabled(if: Reference.directory != nil, Comment(rawValue: Reference.skipMessage)))
    func timeLimitIsReportedHonestly() throws {
        // Without cuts vpm1 takes GLPK well over a minute; a tenth of a second cannot prove it.
        let program = try LinearProgram(contentsOf: Reference.directory! + "/miplib/vpm1.mps", format: .freeMPS)
        var options = SolveOptions()
        options.cuts = false
        options.timeLimit = 0.1
        let solution = try Solver(program).solve(options)
        switch solution.status {
        case .timeLimitWithSolution(let gap):
            let objective = try #require(solution.objective)
            #expect(objective >= 20 - 1e-6)
            if let gap { #expect(gap > 0) }
        case .timeLimitWithoutSolution:
            #expect(solution.objective == nil)
        default:
            Issue.record("expected a time-limit status, got \(solution.status)")
        }
    }
}
