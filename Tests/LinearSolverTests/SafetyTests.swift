import CGLPK
import CGLPKGuard
import Testing

@testable import LinearSolver

#if canImport(Glibc)
import Glibc
#endif

/// Bad numbers, bad indices and bad files come back as errors; nothing aborts the process.
@Suite struct SafetyTests {
    static func expectInvalid(_ lp: LinearProgram, mentioning fragment: String) {
        let error = #expect(throws: SolverError.self) { try Solver(lp) }
        #expect(error?.kind == .invalidModel)
        #expect(error?.message.contains(fragment) == true, "message: \(error?.message ?? "")")
    }

    @Test func numbersBeyondTheSolversRangeAreRefused() throws {
        // 1e308 is finite, yet GLPK's sums of it overflow and trip its own assertions.
        var huge = LinearProgram(sense: .maximize)
        let x = huge.addVariable(name: "x", lowerBound: 0, upperBound: 1, objective: -1e308)
        huge.addConstraint(name: "r", terms: [(x, 1)], upperBound: 1)
        Self.expectInvalid(huge, mentioning: "objective coefficient of variable 0 ('x') is -1e+308; numbers beyond 1e30")

        var bound = LinearProgram()
        bound.addVariable(name: "w", upperBound: 1e300)
        Self.expectInvalid(bound, mentioning: "upper bound of variable 0 ('w')")

        // Up to 1e30 is accepted and solved.
        var large = LinearProgram(sense: .maximize)
        let y = large.addVariable(name: "y", lowerBound: 0, upperBound: 1, objective: 1e30)
        large.addConstraint(name: "r", terms: [(y, 1)], upperBound: 1)
        let solution = try Solver(large).solve()
        #expect(solution.status == .optimal)
        #expect(solution.objective == 1e30)
    }

    @Test func nonFiniteNumbersAreRefused() {
        var nanCoefficient = LinearProgram()
        let x = nanCoefficient.addVariable(name: "x")
        nanCoefficient.addConstraint(name: "r", terms: [(x, .nan)], upperBound: 1)
        Self.expectInvalid(nanCoefficient, mentioning: "coefficient of variable 0 ('x') in constraint 0 ('r')")

        var infiniteCoefficient = LinearProgram()
        let y = infiniteCoefficient.addVariable(name: "y")
        infiniteCoefficient.addConstraint(terms: [(y, .infinity)], upperBound: 1)
        Self.expectInvalid(infiniteCoefficient, mentioning: "must be finite")

        var nanObjective = LinearProgram()
        nanObjective.addVariable(name: "z", objective: .nan)
        Self.expectInvalid(nanObjective, mentioning: "objective coefficient of variable 0 ('z')")

        var infiniteBound = LinearProgram()
        infiniteBound.addVariable(name: "w", upperBound: .infinity)
        Self.expectInvalid(infiniteBound, mentioning: "use nil for no bound")

        var nanRhs = LinearProgram()
        let v = nanRhs.addVariable()
        nanRhs.addConstraint(terms: [(v, 1)], upperBound: .nan)
        Self.expectInvalid(nanRhs, mentioning: "upper bound of constraint 0")

        var constant = LinearProgram(objectiveConstant: -.infinity)
        constant.addVariable()
        Self.expectInvalid(constant, mentioning: "objective constant")
    }

    @Test func outOfRangeIndicesAreRefused() throws {
        var lp = LinearProgram()
        lp.addVariable(name: "x")
        lp.addConstraint(name: "r", terms: [(.init(5), 1)], upperBound: 1)
        Self.expectInvalid(lp, mentioning: "refers to variable 5, but the program has 1 variables")

        var negative = LinearProgram()
        negative.addVariable()
        negative.addConstraint(terms: [(.init(-1), 1)], upperBound: 1)
        Self.expectInvalid(negative, mentioning: "refers to variable -1")

        var fine = LinearProgram()
        let x = fine.addVariable(objective: 1)
        fine.addConstraint(terms: [(x, 1)], upperBound: 1)
        let solver = try Solver(fine)
        #expect(throws: SolverError.self) { try solver.setBounds(of: LinearProgram.VariableID(3), lower: 0, upper: 1) }
        #expect(throws: SolverError.self) { try solver.setBounds(of: LinearProgram.ConstraintID(1), lower: 0, upper: 1) }
        #expect(throws: SolverError.self) { try solver.setObjective(of: LinearProgram.VariableID(-2), to: 1) }
        #expect(throws: SolverError.self) { try solver.setObjective(of: x, to: .nan) }
        #expect(throws: SolverError.self) { try solver.setBounds(of: x, lower: .infinity, upper: nil) }
        let solution = try solver.solve()
        #expect(throws: SolverError.self) { try solution.value(of: LinearProgram.VariableID(9)) }
    }

    @Test func crossedBoundsAndBadNamesAreRefused() {
        var crossed = LinearProgram()
        crossed.addVariable(name: "x", lowerBound: 2, upperBound: 1)
        Self.expectInvalid(crossed, mentioning: "lower bound of variable 0 ('x') (2.0) is above its upper bound (1.0)")

        var long = LinearProgram()
        long.addVariable(name: String(repeating: "n", count: 300))
        Self.expectInvalid(long, mentioning: "at most 255")

        var control = LinearProgram()
        control.addVariable(name: "bad\nname")
        Self.expectInvalid(control, mentioning: "control character")

        var delete = LinearProgram()
        delete.addVariable(name: "ok")
        delete.addVariable(name: "bad\u{7F}")
        Self.expectInvalid(delete, mentioning: "the name of variable 1 ('bad\u{7F}') contains a control character")

        var binary = LinearProgram()
        binary.addVariable(name: "b", kind: .binary)
        binary.variables[0].upperBound = 2
        Self.expectInvalid(binary, mentioning: "variable 0 ('b') is binary, so its bounds must be 0 and 1")

        var far = LinearProgram()
        far.addVariable()
        far.addVariable(upperBound: -1e31)
        Self.expectInvalid(far, mentioning: "the upper bound of variable 1 is -1e+31; numbers beyond 1e30")

        // Every limit just met: the program is accepted.
        var edge = LinearProgram(sense: .maximize)
        let x = edge.addVariable(name: String(repeating: "n", count: 255), lowerBound: -1e30, upperBound: 1e30, objective: 1e-30)
        let y = edge.addVariable(name: "y", kind: .binary, objective: 1)
        edge.addConstraint(terms: [(x, 1), (y, 1)], upperBound: 1)
        #expect(throws: Never.self) { try Solver(edge) }
    }

    @Test func equalBoundsAreFixedNotDoubleBounded() throws {
        // GLP_DB with equal bounds makes the simplex fail; the solver must use GLP_FX.
        var lp = LinearProgram(sense: .maximize)
        let x = lp.addVariable(name: "x", lowerBound: 2, upperBound: 2, objective: 1)
        lp.addConstraint(terms: [(x, 1)], equalTo: 2)
        #expect(isClose(try Solver(lp).solve().objective, 2))
    }

    @Test func missingAndMalformedFilesAreErrors() throws {
        let directory = temporaryDirectory()
        let missing = #expect(throws: SolverError.self) { try LinearProgram(contentsOf: directory + "/absent.mps") }
        #expect(missing?.message.contains("No such file") == true)
        #expect(missing?.kind == .readFailed)

        let garbage = directory + "/garbage.mps"
        writeText("this is not\nan MPS file\n\u{1}\u{2}\n", to: garbage)
        let malformed = #expect(throws: SolverError.self) { try LinearProgram(contentsOf: garbage) }
        #expect(malformed?.kind == .malformedFile)
        #expect(malformed?.message.contains("garbage.mps") == true)

        let unknown = directory + "/model.txt"
        writeText("x", to: unknown)
        let noFormat = #expect(throws: SolverError.self) { try LinearProgram(contentsOf: unknown) }
        #expect(noFormat?.message.contains("cannot tell the format") == true)

        let badLP = directory + "/bad.lp"
        writeText("maximize\n obj: 3 x +\nsubject to\n c1: x <= \nend\n", to: badLP)
        #expect(throws: SolverError.self) { try LinearProgram(contentsOf: badLP) }

        #expect(throws: SolverError.self) { try LinearProgram(contentsOf: directory) }
    }

    @Test(.enabled(if: Reference.directory != nil, Comment(rawValue: Reference.skipMessage)))
    func truncatedFilesAreErrors() throws {
        let text = try #require(readText(Reference.directory! + "/netlib/afiro.mps"))
        let directory = temporaryDirectory()
        // Cut the file at several places, including mid-line.
        for fraction in [0.1, 0.35, 0.5, 0.77, 0.95] {
            let cut = String(text.prefix(Int(Double(text.count) * fraction)))
            let path = directory + "/afiro-\(fraction).mps"
            writeText(cut, to: path)
            #expect(throws: SolverError.self, "cut at \(fraction)") {
                try LinearProgram(contentsOf: path, format: .fixedMPS)
            }
        }
    }

    @Test func guardCatchesGLPKFatalErrors() throws {
        // Build a solver first: a fatal error on this thread frees its problem too.
        var lp = LinearProgram()
        let x = lp.addVariable(objective: 1)
        lp.addConstraint(terms: [(x, 1)], lowerBound: 1)
        let solver = try Solver(lp)
        let before = allot_guard_generation()
        // glp_add_rows(P, 0) is a fatal error in GLPK (it would abort the process).
        let problem = allot_guard_create_prob()
        #expect(allot_guard_add_rows(problem, 0) == ALLOT_GUARD_FATAL)
        #expect(allot_guard_generation() == before + 1)
        #expect(String(cString: allot_guard_last_output()).contains("glp_add_rows"))
        // The older solver knows its problem is gone and says so instead of touching freed memory.
        let error = #expect(throws: SolverError.self) { try solver.solve() }
        #expect(error?.kind == .invalidUse)
        // New solvers on the same thread work.
        #expect(isClose(try Solver(lp).solve().objective, 1))
    }
}

@Suite struct TrustTests {
    @Test func aSolutionThatBreaksARowIsRefused() throws {
        var lp = LinearProgram(sense: .maximize)
        let x = lp.addVariable(name: "x", upperBound: 10, objective: 1)
        lp.addConstraint(name: "cap", terms: [(x, 1)], upperBound: 4)
        let solver = try Solver(lp)
        #expect(isClose(try solver.solve().objective, 4))
        // Values GLPK might hand back on a badly scaled program are checked, not trusted.
        let error = #expect(throws: SolverError.self) { try solver.checkFeasible([5], integer: false) }
        #expect(error?.message.contains("constraint 0 ('cap') is 5.0, above its upper bound 4.0") == true)
        #expect(throws: SolverError.self) { try solver.checkFeasible([11], integer: false) }
        var integral = LinearProgram(sense: .maximize)
        integral.addVariable(name: "heads", upperBound: 10, kind: .integer, objective: 1)
        let whole = try Solver(integral)
        let fractional = #expect(throws: SolverError.self) { try whole.checkFeasible([2.5], integer: true) }
        #expect(fractional?.message.contains("should be whole") == true)
    }

    @Test func widelySpreadNumbersSolveCorrectly() throws {
        // Coefficients from 1e-11 to 1e15: GLPK needs the program scaled to get this right.
        var lp = LinearProgram(sense: .maximize)
        let a = lp.addVariable(name: "a", upperBound: 1e17, kind: .integer, objective: -1e5)
        let b = lp.addVariable(name: "b", upperBound: 1e15, objective: 1)
        let c = lp.addVariable(name: "c", upperBound: 0.01, objective: 1e15)
        lp.addConstraint(name: "budget", terms: [(c, 1), (b, 1), (a, 0.01)], upperBound: 9e11)
        lp.addConstraint(name: "target", terms: [(c, 1e15), (b, 1), (a, 1e-11)], lowerBound: 1)
        let solution = try Solver(lp).solve()
        #expect(solution.status == .optimal)
        #expect(isClose(try solution.value(of: c), 0.01))
        #expect(isClose(try solution.value(of: b), 9e11 - 0.01, relative: 1e-9))
        #expect(try solution.activity(of: .init(1)) >= 1)
    }
}
