import CGLPK
import CGLPKGuard

/// Solves a ``LinearProgram`` with GLPK, and re-solves it after changes from the previous basis.
///
/// A solver holds a GLPK problem, which belongs to the thread that created the solver: create,
/// use and drop a solver within one synchronous piece of work. Solvers on different threads are
/// independent and may run at the same time.
///
/// ```swift
/// let solver = try Solver(program)
/// let first = try solver.solve()
/// try solver.setBounds(of: budgetRow, lower: nil, upper: 9_000_000)
/// let tighter = try solver.solve()   // dual simplex from the previous basis
/// ```
public final class Solver {
    /// The program as it stands, including every change made through this solver.
    public internal(set) var program: LinearProgram
    /// The result of the last solve, or `nil` if the program changed since (a result is never stale).
    public internal(set) var solution: Solution?
    /// How many times ``solve(_:)`` has run on this solver: the first solve and every re-solve
    /// (and every solution read off a basis, ``solutionOfBasis(refactorize:)``).
    public internal(set) var solves = 0

    let problem: GLPKProblem
    var objectiveChangedSinceSolve = false
    /// The constraint matrix column by column, for pivots taken by hand (``pivotOut(_:value:)``);
    /// made on the first (the matrix never changes).
    lazy var columnMatrix = ColumnMatrix(program)

    /// Validates a program and loads it into GLPK.
    ///
    /// - Throws: ``SolverError`` (`invalidModel`) naming the first number, index, bound or name
    ///   that GLPK could not take safely.
    public init(_ program: LinearProgram) throws {
        try program.validate()
        self.program = program
        self.problem = GLPKProblem()
        // Scale rows and columns (as glpsol does): the simplex is far more reliable on programs
        // whose numbers span many orders of magnitude. Values, duals and ranges stay unscaled.
        // The factors are GLPK's own automatic scaling (``ScaleFactors``), worked out before
        // GLPK takes the program in, so that its copy reuses the memory they took.
        let factors = program.constraints.isEmpty || program.variables.isEmpty ? nil : ScaleFactors(automaticFor: program)
        // The names stay in `program`, for messages: GLPK's copy is only solved.
        try problem.load(program, names: false)
        if let factors {
            let P = problem.pointer
            // GLPK computes the scaling itself when a factor would be one it refuses, and then
            // stops as it always did.
            if factors.areUsable {
                for (i, factor) in factors.rows.enumerated() where factor != 1 {
                    glp_set_rii(P, Int32(i + 1), factor)
                }
                for (j, factor) in factors.columns.enumerated() where factor != 1 {
                    glp_set_sjj(P, Int32(j + 1), factor)
                }
            } else {
                try problem.guarded("scaling the program") { allot_guard_scale_prob(P, GLP_SF_AUTO) }
            }
        }
    }

    // MARK: Changes for warm re-solves

    /// Changes a variable's bounds, keeping the current basis for the next solve.
    public func setBounds(of variable: LinearProgram.VariableID, lower: Double?, upper: Double?) throws {
        try problem.checkUsable()
        let index = try checkedVariable(variable)
        let current = program.variables[index]
        let what = LinearProgram.label("variable", index, current.name)
        try LinearProgram.checkBounds(lower, upper, what: what)
        if current.kind == .binary, let lower, let upper, lower < 0 || upper > 1 {
            throw SolverError.invalid("\(what) is binary; its bounds must lie within 0 and 1")
        }
        program.setBounds(of: variable, lower: lower, upper: upper)
        problem.setColumnBounds(Int32(index + 1), lower, upper)
        solution = nil
    }

    /// Changes a row's bounds (its right-hand side), keeping the current basis for the next solve.
    public func setBounds(of constraint: LinearProgram.ConstraintID, lower: Double?, upper: Double?) throws {
        try problem.checkUsable()
        let index = try checkedConstraint(constraint)
        let what = LinearProgram.label("constraint", index, program.constraints[index].name)
        try LinearProgram.checkBounds(lower, upper, what: what)
        program.setBounds(of: constraint, lower: lower, upper: upper)
        problem.setRowBounds(Int32(index + 1), lower, upper)
        solution = nil
    }

    /// Changes a variable's objective coefficient, keeping the current basis for the next solve.
    public func setObjective(of variable: LinearProgram.VariableID, to coefficient: Double) throws {
        try problem.checkUsable()
        let index = try checkedVariable(variable)
        try LinearProgram.checkFinite(
            coefficient,
            what: "the objective coefficient of \(LinearProgram.label("variable", index, program.variables[index].name))")
        program.setObjective(of: variable, to: coefficient)
        glp_set_obj_coef(problem.pointer, Int32(index + 1), coefficient)
        objectiveChangedSinceSolve = true
        solution = nil
    }

    /// Drops the current basis for the standard one (every row basic, every column at a
    /// bound): the next solve starts cold. Its answer then depends on the program alone, not on
    /// the solves before, so two solvers of one program give it alike (with
    /// ``SolveOptions/freshFactorization``); scoped changes put the basis back as usual.
    package func startFromStandardBasis() throws {
        try problem.checkUsable()
        glp_std_basis(problem.pointer)
        solution = nil
    }

    /// Frees GLPK's copy of the program once nothing more will be solved (the last solution stays):
    /// every later solve, change or step throws ``SolverError/Kind/invalidUse``.
    package func releaseProblem() throws {
        try problem.release()
    }

    func checkedVariable(_ variable: LinearProgram.VariableID) throws -> Int {
        guard variable.index >= 0, variable.index < program.variables.count else {
            throw SolverError.invalid(
                "variable \(variable.index) is out of range: the program has \(program.variables.count) variables")
        }
        return variable.index
    }

    func checkedConstraint(_ constraint: LinearProgram.ConstraintID) throws -> Int {
        guard constraint.index >= 0, constraint.index < program.constraints.count else {
            throw SolverError.invalid(
                "constraint \(constraint.index) is out of range: the program has \(program.constraints.count) constraints")
        }
        return constraint.index
    }

    // MARK: Solving

    /// Solves the program (as an integer program when it has integer variables, unless the options
    /// relax integrality), starting from the basis of the previous solve.
    ///
    /// - Returns: the solution; its status says whether it is optimal, infeasible, unbounded or
    ///   stopped at a limit.
    /// - Throws: ``SolverError`` when GLPK fails or aborts, or the options are invalid.
    @discardableResult
    public func solve(_ options: SolveOptions = SolveOptions()) throws -> Solution {
        try options.validate()
        try problem.checkUsable()
        solves += 1
        allot_guard_set_echo(options.showSolverOutput ? 1 : 0)
        defer { allot_guard_set_echo(0) }
        let clock = ContinuousClock()
        let start = clock.now
        let integer = program.hasIntegerVariables && !options.relaxIntegrality
        var result = try solveRelaxation(options, integer: integer, start: start)
        objectiveChangedSinceSolve = false
        if integer, result.status == .optimal {
            result = try solveInteger(options, remaining: options.secondsAllowed(after: (clock.now - start).inSeconds))
        } else if integer, result.status.hasFeasibleSolution {
            // The relaxation stopped at a limit: its point need not be whole, so the integer
            // program has no solution yet.
            result = Self.trivial(
                result.status == .iterationLimit(feasible: true) ? .iterationLimit(feasible: false) : .timeLimitWithoutSolution,
                integer: true)
        }
        result = try checked(result, integer: integer)
        solution = result
        return result
    }

    /// The solution if its point satisfies every row, bound and integrality; a solve stopped at
    /// a limit (time or iterations) whose point does not is that limit without a solution.
    ///
    /// GLPK's word on a point it stopped at is not checked again: the primal simplex stopped in
    /// its second phase reports its point feasible though removing the perturbation it uses
    /// against stalling may have moved it off a bound. That is the limit, not a wrong answer.
    /// An optimum (or an integer solution) that fails the check is refused as untrustworthy.
    func checked(_ result: Solution, integer: Bool) throws -> Solution {
        guard let values = result.values else { return result }
        do {
            try checkFeasible(values, integer: integer)
            return result
        } catch let error as SolverError {
            switch result.status {
            case .timeLimitWithSolution where !result.isInteger:
                return Self.trivial(.timeLimitWithoutSolution, integer: result.isInteger)
            case .iterationLimit(feasible: true):
                return Self.trivial(.iterationLimit(feasible: false), integer: result.isInteger)
            default:
                throw error
            }
        }
    }

    /// Factorizes the current basis afresh, with its basic variables in index order, as GLPK's
    /// branch and bound leaves it when it ends (it restores the root relaxation's basis and
    /// drops its factorization). A solver that has solved only the relaxation of an integer
    /// program is then where one that solved the integer program would be, and its re-solves
    /// give the same numbers to the last bit.
    public func refactorize() throws {
        try problem.checkUsable()
        guard !program.constraints.isEmpty, !program.variables.isEmpty else { return }
        let P = problem.pointer
        var rc: Int32 = 0
        // A basis that cannot be factorized is left to the next solve, which starts again from
        // the standard basis then.
        try problem.guarded("factorizing the basis") { allot_guard_factorize(P, &rc) }
    }

    /// Refuses a solution that breaks a row, a bound or integrality by more than the tolerance:
    /// GLPK can return such an answer as "optimal" on badly scaled programs, and a wrong answer
    /// must never pass for a right one.
    func checkFeasible(_ values: [Double], integer: Bool) throws {
        try checkFeasible(values, integer: integer, columns: nil, rows: nil)
    }

    /// ``checkFeasible(_:integer:)`` of the listed columns' bounds and rows alone (nil: all of
    /// them), for a point that differs from one already checked only there.
    func checkFeasible(_ values: [Double], integer: Bool, columns: [Int]?, rows: [Int]?) throws {
        guard values.count == program.variables.count else {
            throw unreliable("it gave \(values.count) values for \(program.variables.count) variables")
        }
        // The program was validated when the solver was made: every term names one of its
        // variables, so the loops read the buffers directly. Labels are made only for a message.
        let tolerance = 1e-6
        func each(_ listed: [Int]?, of count: Int, _ body: (Int) -> String?) -> String? {
            if let listed {
                for index in listed { if let fault = body(index) { return fault } }
            } else {
                for index in 0..<count { if let fault = body(index) { return fault } }
            }
            return nil
        }
        let columnFault: String? = values.withUnsafeBufferPointer { x in
            program.variables.withUnsafeBufferPointer { variables in
                each(columns, of: variables.count) { index in
                    let value = x[index]
                    let scale = max(1, abs(value))
                    let bounds = (variables[index].lowerBound, variables[index].upperBound)
                    var name: String { LinearProgram.label("variable", index, variables[index].name) }
                    if let lower = bounds.0, value < lower - tolerance * max(scale, abs(lower)) {
                        return "\(name) is \(value), below its lower bound \(lower)"
                    }
                    if let upper = bounds.1, value > upper + tolerance * max(scale, abs(upper)) {
                        return "\(name) is \(value), above its upper bound \(upper)"
                    }
                    if integer, variables[index].kind != .continuous, abs(value - value.rounded()) > tolerance * scale {
                        return "\(name) should be whole but is \(value)"
                    }
                    return nil
                }
            }
        }
        if let columnFault { throw unreliable(columnFault) }
        let rowFault: String? = values.withUnsafeBufferPointer { x in
            program.constraints.withUnsafeBufferPointer { constraints in
                each(rows, of: constraints.count) { index in
                    var activity = 0.0, magnitude = 0.0
                    constraints[index].terms.withUnsafeBufferPointer { terms in
                        for term in terms {
                            let product = term.coefficient * x[term.variable.index]
                            activity += product
                            magnitude += abs(product)
                        }
                    }
                    var name: String { LinearProgram.label("constraint", index, constraints[index].name) }
                    // Rows are held to GLPK's own standard: relative to the size of their terms.
                    let allowance: (Double) -> Double = { bound in 10 * tolerance * max(1, abs(bound), magnitude) }
                    if let lower = constraints[index].lowerBound, activity < lower - allowance(lower) {
                        return "\(name) is \(activity), below its lower bound \(lower)"
                    }
                    if let upper = constraints[index].upperBound, activity > upper + allowance(upper) {
                        return "\(name) is \(activity), above its upper bound \(upper)"
                    }
                    return nil
                }
            }
        }
        if let rowFault { throw unreliable(rowFault) }
    }

    private func unreliable(_ detail: String) -> SolverError {
        var smallest = Double.infinity, largest = 0.0
        for row in program.constraints {
            for term in row.terms where term.coefficient != 0 {
                smallest = min(smallest, abs(term.coefficient))
                largest = max(largest, abs(term.coefficient))
            }
        }
        let span = smallest.isFinite ? " (its coefficients span \(NumberSpan.text(smallest)) to \(NumberSpan.text(largest)))" : ""
        return SolverError(
            .solverFailed,
            "GLPK's answer cannot be trusted: \(detail). The program is probably badly scaled\(span); bring its numbers closer together, for example by measuring KPIs in larger units")
    }

    private func simplexMethod(_ options: SolveOptions) -> Int32 {
        switch options.method {
        case .primal: GLP_PRIMAL
        case .dual: GLP_DUALP
        case .automatic: objectiveChangedSinceSolve ? GLP_PRIMAL : GLP_DUALP
        }
    }

    private func solveRelaxation(_ options: SolveOptions, integer: Bool, start: ContinuousClock.Instant) throws -> Solution {
        if program.variables.isEmpty || program.constraints.isEmpty {
            return try solveTrivially(integer: integer)
        }
        let P = problem.pointer
        var parm = glp_smcp()
        glp_init_smcp(&parm)
        parm.msg_lev = options.showSolverOutput ? GLP_MSG_ON : GLP_MSG_OFF
        parm.meth = simplexMethod(options)
        parm.r_test = options.longStepRatioTest ? GLP_RT_FLIP : GLP_RT_HAR
        parm.presolve = GLP_OFF
        if let limit = options.iterationLimit { parm.it_lim = Int32(min(limit, Int(Int32.max))) }
        // Each call is given what the solve's own limit and the deadline leave at its start.
        func limitTime() {
            let allowed = options.secondsAllowed(after: (ContinuousClock.now - start).inSeconds)
            parm.tm_lim = allowed.map { Int32(min(max($0 * 1000, 1), Double(Int32.max))) } ?? Int32.max
        }

        var rc: Int32 = 0
        if options.freshFactorization {
            // A basis that cannot be factorized is left to the simplex, which says so below.
            try problem.guarded("factorizing the basis") { allot_guard_factorize(P, &rc) }
            rc = 0
        }
        limitTime()
        try problem.guarded("the simplex method") { allot_guard_simplex(P, &parm, &rc) }
        if rc == GLP_EBADB || rc == GLP_ESING || rc == GLP_ECOND {
            // The previous basis cannot be factorized: start again from the standard basis.
            glp_std_basis(P)
            parm.meth = GLP_PRIMAL
            limitTime()
            try problem.guarded("the simplex method") { allot_guard_simplex(P, &parm, &rc) }
        }
        var status: Solution.Status
        switch rc {
        case 0:
            guard let conclusive = linearStatus() else {
                // The dual simplex could not tell: settle it with the primal from the standard basis.
                glp_std_basis(P)
                parm.meth = GLP_PRIMAL
                limitTime()
                try problem.guarded("the simplex method") { allot_guard_simplex(P, &parm, &rc) }
                if let limited = limitStatus(rc) {
                    // The limit stopped the primal before it settled anything: that is the answer.
                    status = limited
                    break
                }
                guard rc == 0, let settled = linearStatus() else {
                    throw SolverError(.solverFailed, "GLPK's simplex ended without a conclusive status (code \(rc)): \(GLPKProblem.lastOutput())")
                }
                status = settled
                break
            }
            status = conclusive
        case GLP_ETMLIM, GLP_EITLIM:
            status = limitStatus(rc)!
        default:
            throw SolverError(.solverFailed, "GLPK's simplex failed (\(Self.describe(rc))): \(GLPKProblem.lastOutput())")
        }
        return linearSolution(status: status, integer: integer)
    }

    /// The status of a simplex run stopped by its time or iteration limit; nil for any other code.
    private func limitStatus(_ rc: Int32) -> Solution.Status? {
        let feasible = glp_get_prim_stat(problem.pointer) == GLP_FEAS
        switch rc {
        case GLP_ETMLIM: return feasible ? .timeLimitWithSolution(gap: nil) : .timeLimitWithoutSolution
        case GLP_EITLIM: return .iterationLimit(feasible: feasible)
        default: return nil
        }
    }

    /// The status of a finished simplex run, or nil when GLPK's answer is not conclusive.
    private func linearStatus() -> Solution.Status? {
        let P = problem.pointer
        switch glp_get_status(P) {
        case GLP_OPT: return .optimal
        case GLP_NOFEAS: return .infeasible
        case GLP_UNBND: return .unbounded
        default:
            if glp_get_dual_stat(P) == GLP_NOFEAS, glp_get_prim_stat(P) == GLP_FEAS { return .unbounded }
            return nil
        }
    }

    func linearSolution(status: Solution.Status, integer: Bool) -> Solution {
        let P = problem.pointer
        let m = program.constraints.count
        let n = program.variables.count
        let feasible = status.hasFeasibleSolution
        let optimal = status == .optimal
        let exposeDuals = optimal && !integer
        // Each row's and column's figures are read together: one visit to its record in GLPK.
        var values: [Double]? = nil, activities: [Double]? = nil
        var rowDuals: [Double]? = nil, reducedCosts: [Double]? = nil
        var rowBasis: [Solution.BasisStatus]? = nil, columnBasis: [Solution.BasisStatus]? = nil
        if feasible {
            var prim = [Double](repeating: 0, count: n), rowPrim = [Double](repeating: 0, count: m)
            if exposeDuals {
                var dual = [Double](repeating: 0, count: n), rowDual = [Double](repeating: 0, count: m)
                var stat = [Solution.BasisStatus](repeating: .basic, count: n)
                var rowStat = [Solution.BasisStatus](repeating: .basic, count: m)
                for j in 0..<n {
                    let column = Int32(j + 1)
                    prim[j] = glp_get_col_prim(P, column)
                    dual[j] = glp_get_col_dual(P, column)
                    stat[j] = Self.basis(glp_get_col_stat(P, column))
                }
                for i in 0..<m {
                    let row = Int32(i + 1)
                    rowPrim[i] = glp_get_row_prim(P, row)
                    rowDual[i] = glp_get_row_dual(P, row)
                    rowStat[i] = Self.basis(glp_get_row_stat(P, row))
                }
                (rowDuals, reducedCosts, rowBasis, columnBasis) = (rowDual, dual, rowStat, stat)
            } else {
                for j in 0..<n { prim[j] = glp_get_col_prim(P, Int32(j + 1)) }
                for i in 0..<m { rowPrim[i] = glp_get_row_prim(P, Int32(i + 1)) }
            }
            (values, activities) = (prim, rowPrim)
        }
        return Solution(
            status: status, isInteger: integer,
            objective: feasible ? glp_get_obj_val(P) : nil,
            relativeGap: nil, values: values, activities: activities,
            iterations: Int(glp_get_it_cnt(P)),
            rowDuals: rowDuals, reducedCosts: reducedCosts, rowBasis: rowBasis, columnBasis: columnBasis)
    }

    static func basis(_ status: Int32) -> Solution.BasisStatus {
        switch status {
        case GLP_BS: .basic
        case GLP_NL: .atLowerBound
        case GLP_NU: .atUpperBound
        case GLP_NF: .free
        default: .fixed
        }
    }

    private func solveInteger(_ options: SolveOptions, remaining: Double?) throws -> Solution {
        let P = problem.pointer
        let iterations = Int(glp_get_it_cnt(P))
        var parm = glp_iocp()
        glp_init_iocp(&parm)
        parm.msg_lev = options.showSolverOutput ? GLP_MSG_ON : GLP_MSG_OFF
        parm.presolve = GLP_OFF
        let cuts: Int32 = options.cuts ? GLP_ON : GLP_OFF
        parm.gmi_cuts = cuts
        parm.mir_cuts = cuts
        parm.cov_cuts = cuts
        parm.clq_cuts = cuts
        parm.mip_gap = options.relativeGap
        if let remaining { parm.tm_lim = Int32(min(max(remaining * 1000, 1), Double(Int32.max))) }
        var rc: Int32 = 0
        var progress = allot_mip_progress()
        try problem.guarded("branch and bound") { allot_guard_intopt(P, &parm, &rc, &progress) }
        let mipStatus = glp_mip_status(P)
        let objective = glp_mip_obj_val(P)
        var gap: Double? = nil
        if progress.has_bound != 0, mipStatus == GLP_OPT || mipStatus == GLP_FEAS {
            gap = abs(objective - progress.best_bound) / (abs(objective) + Double.ulpOfOne)
        }
        let status: Solution.Status
        switch rc {
        case 0 where mipStatus == GLP_OPT:
            status = .optimal
            gap = 0
        case 0 where mipStatus == GLP_NOFEAS:
            status = .infeasible
        case GLP_EMIPGAP where mipStatus == GLP_OPT || mipStatus == GLP_FEAS:
            status = (gap ?? 0) > 0 ? .withinGap(gap: gap ?? 0) : .optimal
        case GLP_ETMLIM:
            status = mipStatus == GLP_FEAS || mipStatus == GLP_OPT ? .timeLimitWithSolution(gap: gap) : .timeLimitWithoutSolution
        default:
            throw SolverError(
                .solverFailed, "GLPK's branch and bound failed (\(Self.describe(rc))): \(GLPKProblem.lastOutput())")
        }
        let feasible = status.hasFeasibleSolution
        let m = program.constraints.count
        let n = program.variables.count
        return Solution(
            status: status, isInteger: true,
            objective: feasible ? objective : nil,
            relativeGap: feasible ? gap : nil,
            values: feasible ? (0..<n).map { glp_mip_col_val(P, Int32($0 + 1)) } : nil,
            activities: feasible ? (0..<m).map { glp_mip_row_val(P, Int32($0 + 1)) } : nil,
            iterations: iterations, rowDuals: nil, reducedCosts: nil, rowBasis: nil, columnBasis: nil)
    }

    /// Solves a program without rows or without columns directly (GLPK's simplex refuses them).
    private func solveTrivially(integer: Bool) throws -> Solution {
        let maximize = program.sense == .maximize
        var values: [Double] = []
        values.reserveCapacity(program.variables.count)
        for variable in program.variables {
            let improving = maximize ? variable.objective > 0 : variable.objective < 0
            let worsening = maximize ? variable.objective < 0 : variable.objective > 0
            var lower = variable.lowerBound
            var upper = variable.upperBound
            if variable.kind != .continuous {
                lower = lower.map { $0.rounded(.up) }
                upper = upper.map { $0.rounded(.down) }
                if let l = lower, let u = upper, l > u {
                    return Self.trivial(.infeasible, integer: integer)
                }
            }
            let value: Double?
            if improving { value = upper } else if worsening { value = lower } else { value = lower ?? upper ?? 0 }
            guard let value else { return Self.trivial(.unbounded, integer: integer) }
            values.append(value)
        }
        var activities: [Double] = []
        for (index, row) in program.constraints.enumerated() {
            let activity = program.activity(of: .init(index), at: values)
            if let l = row.lowerBound, activity < l { return Self.trivial(.infeasible, integer: integer) }
            if let u = row.upperBound, activity > u { return Self.trivial(.infeasible, integer: integer) }
            activities.append(activity)
        }
        let reduced = program.variables.map(\.objective)
        let exposeDuals = !integer
        return Solution(
            status: .optimal, isInteger: integer, objective: program.objectiveValue(at: values),
            relativeGap: integer ? 0 : nil, values: values, activities: activities, iterations: 0,
            rowDuals: exposeDuals ? Array(repeating: 0, count: activities.count) : nil,
            reducedCosts: exposeDuals ? reduced : nil,
            rowBasis: exposeDuals ? Array(repeating: .basic, count: activities.count) : nil,
            columnBasis: exposeDuals
                ? zip(program.variables, values).map { variable, value in
                    variable.lowerBound == variable.upperBound && variable.lowerBound != nil ? .fixed
                        : value == variable.lowerBound ? .atLowerBound
                        : value == variable.upperBound ? .atUpperBound : .free
                } : nil)
    }

    static func trivial(_ status: Solution.Status, integer: Bool) -> Solution {
        Solution(
            status: status, isInteger: integer, objective: nil, relativeGap: nil, values: nil,
            activities: nil, iterations: 0, rowDuals: nil, reducedCosts: nil, rowBasis: nil, columnBasis: nil)
    }

    static func describe(_ rc: Int32) -> String {
        switch rc {
        case GLP_EBADB: "invalid basis"
        case GLP_ESING: "singular basis matrix"
        case GLP_ECOND: "ill-conditioned basis matrix"
        case GLP_EBOUND: "invalid bounds"
        case GLP_EFAIL: "solver failure"
        case GLP_EROOT: "no optimal relaxation"
        case GLP_ESTOP: "stopped"
        case GLP_ENOPFS: "no primal feasible solution"
        case GLP_ENODFS: "no dual feasible solution"
        default: "code \(rc)"
        }
    }
}
