import CGLPK
import CGLPKGuard
import Testing

@testable import LinearSolver

#if canImport(Glibc)
import Glibc
#endif

/// The solver's own scaling gives GLPK's automatic scale factors to the last bit, so the simplex
/// sees the same scaled program as when GLPK scaled it.
@Suite struct ScalingTests {
    /// The factors GLPK's `glp_scale_prob(GLP_SF_AUTO)` sets on the program.
    static func glpkFactors(_ program: LinearProgram) throws -> ScaleFactors {
        let problem = GLPKProblem()
        try problem.load(program)
        let P = problem.pointer
        try problem.guarded("scaling") { allot_guard_scale_prob(P, GLP_SF_AUTO) }
        return ScaleFactors(
            rows: (0..<program.constraints.count).map { glp_get_rii(P, Int32($0 + 1)) },
            columns: (0..<program.variables.count).map { glp_get_sjj(P, Int32($0 + 1)) })
    }

    /// Compares bit patterns, so that a difference in the last place fails.
    static func expectSameFactors(_ program: LinearProgram, _ label: String) throws {
        let ours = ScaleFactors(automaticFor: program)
        let theirs = try glpkFactors(program)
        #expect(ours.rows.count == theirs.rows.count && ours.columns.count == theirs.columns.count, "\(label)")
        let rowsDiffering = zip(ours.rows, theirs.rows).filter { $0.bitPattern != $1.bitPattern }.count
        let columnsDiffering = zip(ours.columns, theirs.columns).filter { $0.bitPattern != $1.bitPattern }.count
        #expect(rowsDiffering == 0 && columnsDiffering == 0,
                "\(label): \(rowsDiffering) row and \(columnsDiffering) column factors differ from GLPK's")
    }

    @Test(.enabled(if: Reference.directory != nil, Comment(rawValue: Reference.skipMessage)),
          arguments: ReferenceProblemTests.netlib)
    func netlibFactorsAreGLPKs(_ problem: ReferenceProblemTests.Case) throws {
        let program = try LinearProgram(contentsOf: Reference.directory! + "/netlib/\(problem.name).mps", format: .fixedMPS)
        try Self.expectSameFactors(program, problem.name)
        // Most of them go through the passes (40 of 51); these few are found well scaled.
        let factors = ScaleFactors(automaticFor: program)
        let wellScaled = ["afiro", "degen2", "sc105", "sc205", "sc50a", "sc50b", "scagr25", "scagr7", "scsd1", "scsd6", "shell"]
        #expect(factors.columns.contains { $0 != 1 } == !wellScaled.contains(problem.name), "\(problem.name)")
    }

    /// A small xorshift generator, so that the random programs are the same on every run.
    struct Xorshift {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
        /// 10 to a power in [-exponent, exponent], times a mantissa in [1, 10), with either sign.
        mutating func magnitude(_ exponent: Int) -> Double {
            let power = Double(below(2 * exponent + 1) - exponent)
            let mantissa = 1 + 9 * Double(next() >> 11) / Double(1 << 53)
            let value = mantissa * pow(10, power)
            return next() & 1 == 0 ? value : -value
        }
    }

    @Test func randomProgramsOfEveryShapeScaleAsGLPKScalesThem() throws {
        var random = Xorshift(state: 0x2545_F491_4F6C_DD1D)
        var scaled = 0
        for trial in 0..<300 {
            let rows = 1 + random.below(12)
            let columns = 1 + random.below(12)
            let exponent = [0, 1, 3, 8, 20][trial % 5]
            var program = LinearProgram(sense: .maximize)
            let variables = (0..<columns).map { _ in program.addVariable(lowerBound: 0, upperBound: 1, objective: 1) }
            for _ in 0..<rows {
                // Some rows stay empty, some columns appear nowhere.
                let terms = variables.filter { _ in random.below(3) == 0 }.map { ($0, random.magnitude(exponent)) }
                program.addConstraint(terms: terms, upperBound: 1)
            }
            try Self.expectSameFactors(program, "trial \(trial)")
            if ScaleFactors(automaticFor: program).rows.contains(where: { $0 != 1 }) { scaled += 1 }
        }
        // Most of the programs go through the passes rather than being found well scaled.
        #expect(scaled > 150)
    }

    @Test func aSolversProgramHoldsGLPKsFactors() throws {
        // Set one by one on GLPK's copy, as the solver does.
        var random = Xorshift(state: 0x9E37_79B9_7F4A_7C15)
        var program = LinearProgram(sense: .maximize)
        let rows = 50
        var terms = [[(LinearProgram.VariableID, Double)]](repeating: [], count: rows)
        for _ in 0..<20_000 {
            let x = program.addVariable(lowerBound: 0, upperBound: 1 + Double(random.below(100)), objective: abs(random.magnitude(2)))
            for _ in 0..<4 { terms[random.below(rows)].append((x, abs(random.magnitude(4)))) }
        }
        for row in terms { program.addConstraint(terms: row, upperBound: 1000) }
        let solver = try Solver(program)
        let expected = try Self.glpkFactors(program)
        let P = solver.problem.pointer
        let rowsDiffering = expected.rows.indices.filter { glp_get_rii(P, Int32($0 + 1)).bitPattern != expected.rows[$0].bitPattern }
        let columnsDiffering = expected.columns.indices.filter {
            glp_get_sjj(P, Int32($0 + 1)).bitPattern != expected.columns[$0].bitPattern
        }
        #expect(rowsDiffering.isEmpty && columnsDiffering.isEmpty)
        #expect(expected.columns.contains { $0 != 1 })
        #expect(try solver.solve().status == .optimal)
    }

    @Test func wellScaledProgramsKeepFactorsOfOne() throws {
        var program = LinearProgram()
        let x = program.addVariable(lowerBound: 0, objective: 1)
        let y = program.addVariable(lowerBound: 0, objective: 1)
        program.addConstraint(terms: [(x, 0.1), (y, 10)], lowerBound: 1)
        let factors = ScaleFactors(automaticFor: program)
        #expect(factors.rows == [1] && factors.columns == [1, 1])
        try Self.expectSameFactors(program, "well scaled")
        // Just outside the band, the passes run.
        program.addConstraint(terms: [(x, 10.5)], lowerBound: 1)
        #expect(ScaleFactors(automaticFor: program).rows != [1, 1])
        try Self.expectSameFactors(program, "just outside")
    }

    @Test func aFactorGLPKWouldRefuseLeavesTheScalingToGLPK() throws {
        // The smallest double squared is zero: the row's factor becomes infinite.
        var program = LinearProgram(sense: .maximize)
        let x = program.addVariable(lowerBound: 0, upperBound: 1, objective: 1)
        let y = program.addVariable(lowerBound: 0, upperBound: 1, objective: 1)
        program.addConstraint(terms: [(x, .leastNonzeroMagnitude)], upperBound: 1)
        program.addConstraint(terms: [(y, 1)], upperBound: 1)
        #expect(!ScaleFactors(automaticFor: program).areUsable)
        // GLPK then scales it as it always did: whatever it makes of it, the process goes on.
        do {
            let solution = try Solver(program).solve()
            #expect(solution.status == .optimal)
        } catch let error as SolverError {
            #expect(!error.message.isEmpty)
        }
    }
}

/// Work handed to another thread comes back whole and in order.
@Suite struct BackgroundWorkTests {
    @Test func aMapInHalvesKeepsTheOrder() {
        for count in [0, 1, 2, 3, 10, 1_001] {
            let expected = (5..<(5 + count)).map { $0 * $0 }
            #expect(BackgroundWork.map(5..<(5 + count), inHalvesFrom: 1) { $0 * $0 } == expected)
            #expect(BackgroundWork.map(5..<(5 + count), inHalvesFrom: .max) { $0 * $0 } == expected)
        }
        #expect(BackgroundWork { (1...100).reduce(0, +) }.value() == 5_050)
    }
}
