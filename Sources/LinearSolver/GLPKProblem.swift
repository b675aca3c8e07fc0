import CGLPK
import CGLPKGuard

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Owns one GLPK problem object and enforces GLPK's rules for it.
///
/// GLPK problems belong to the thread that created them, and a fatal error on that thread frees
/// them all. Every use therefore checks the thread and the thread's GLPK generation first, and every
/// GLPK routine that can raise a fatal error runs through the C guard.
final class GLPKProblem {
    let pointer: OpaquePointer
    private let thread: pthread_t
    private let generation: UInt
    /// Whether ``release()`` has freed the problem: nothing may use it after.
    private(set) var isReleased = false

    init() {
        pointer = allot_guard_create_prob()
        thread = pthread_self()
        generation = UInt(allot_guard_generation())
    }

    deinit {
        // A problem freed by a reset of its thread's environment must not be deleted again, and a
        // problem must not be deleted from another thread: leaking is the safe choice there.
        if !isReleased, pthread_equal(thread, pthread_self()) != 0, UInt(allot_guard_generation()) == generation {
            _ = allot_guard_delete_prob(pointer)
        }
    }

    /// Frees the problem now, before its owner goes: every later use throws.
    func release() throws {
        try checkUsable()
        isReleased = true
        _ = allot_guard_delete_prob(pointer)
    }

    /// Throws unless the problem may be used from here and now.
    func checkUsable() throws {
        guard !isReleased else {
            throw SolverError(.invalidUse, "this solver's GLPK problem was released; build a new solver")
        }
        guard pthread_equal(thread, pthread_self()) != 0 else {
            throw SolverError(
                .invalidUse,
                "a solver was used on a thread other than the one that created it; GLPK problems belong to one thread")
        }
        guard UInt(allot_guard_generation()) == generation else {
            throw SolverError(
                .invalidUse,
                "this solver's GLPK problem was freed when GLPK raised a fatal error on the same thread; build a new solver")
        }
    }

    /// Runs one guarded GLPK call and turns a fatal error into a thrown error.
    func guarded(_ operation: String, _ call: () -> Int32) throws {
        try checkUsable()
        if call() == ALLOT_GUARD_FATAL {
            throw SolverError(.solverAborted, "GLPK stopped with a fatal error during \(operation): \(Self.lastOutput())")
        }
    }

    /// GLPK's captured terminal output from the last guarded call, trimmed.
    static func lastOutput() -> String {
        let text = String(cString: allot_guard_last_output())
        let trimmed = text.split(separator: "\n").map { $0.trimmingCharacters() }.filter { !$0.isEmpty }
        return trimmed.isEmpty ? "no message" : trimmed.joined(separator: "; ")
    }

    // MARK: Loading

    /// Loads a validated program into this (empty) problem; with its row and column names when
    /// `names` is true (files written by GLPK need them; solving does not).
    func load(_ program: LinearProgram, names: Bool = true) throws {
        try checkUsable()
        let P = pointer
        glp_set_prob_name(P, program.name.isEmpty ? nil : program.name)
        glp_set_obj_dir(P, program.sense == .minimize ? GLP_MIN : GLP_MAX)
        glp_set_obj_coef(P, 0, program.objectiveConstant)
        let m = program.constraints.count
        let n = program.variables.count
        // glp_add_rows(P, 0) aborts: skip empty counts.
        if m > 0 { try guarded("adding rows") { allot_guard_add_rows(P, Int32(m)) } }
        if n > 0 { try guarded("adding columns") { allot_guard_add_cols(P, Int32(n)) } }
        for (index, row) in program.constraints.enumerated() {
            let i = Int32(index + 1)
            if names, !row.name.isEmpty { glp_set_row_name(P, i, row.name) }
            setRowBounds(i, row.lowerBound, row.upperBound)
        }
        for (index, column) in program.variables.enumerated() {
            let j = Int32(index + 1)
            if names, !column.name.isEmpty { glp_set_col_name(P, j, column.name) }
            switch column.kind {
            case .continuous: break
            case .integer: glp_set_col_kind(P, j, GLP_IV)
            case .binary: glp_set_col_kind(P, j, GLP_BV)
            }
            setColumnBounds(j, column.lowerBound, column.upperBound)
            glp_set_obj_coef(P, j, column.objective)
        }
        let count = program.nonzeroCount
        if count > 0 {
            var ia = [Int32](repeating: 0, count: count + 1)
            var ja = [Int32](repeating: 0, count: count + 1)
            var ar = [Double](repeating: 0, count: count + 1)
            var k = 1
            for (index, row) in program.constraints.enumerated() {
                for term in row.terms {
                    ia[k] = Int32(index + 1)
                    ja[k] = Int32(term.variable.index + 1)
                    ar[k] = term.coefficient
                    k += 1
                }
            }
            try guarded("loading the constraint matrix") {
                allot_guard_load_matrix(P, Int32(count), ia, ja, ar)
            }
        }
    }

    /// GLPK's bound type for a pair of optional bounds. Equal bounds must be `GLP_FX`: `GLP_DB`
    /// with equal bounds makes the simplex fail.
    static func boundType(_ lower: Double?, _ upper: Double?) -> Int32 {
        switch (lower, upper) {
        case (nil, nil): GLP_FR
        case (.some, nil): GLP_LO
        case (nil, .some): GLP_UP
        case (.some(let l), .some(let u)): l == u ? GLP_FX : GLP_DB
        }
    }

    func setRowBounds(_ i: Int32, _ lower: Double?, _ upper: Double?) {
        glp_set_row_bnds(pointer, i, Self.boundType(lower, upper), lower ?? 0, upper ?? 0)
    }

    func setColumnBounds(_ j: Int32, _ lower: Double?, _ upper: Double?) {
        glp_set_col_bnds(pointer, j, Self.boundType(lower, upper), lower ?? 0, upper ?? 0)
    }

    // MARK: Reading back

    /// The program held by this problem (after reading a file).
    func extractProgram() -> LinearProgram {
        let P = pointer
        var program = LinearProgram(
            name: glp_get_prob_name(P).map { String(cString: $0) } ?? "",
            sense: glp_get_obj_dir(P) == GLP_MAX ? .maximize : .minimize,
            objectiveConstant: glp_get_obj_coef(P, 0))
        let m = Int(glp_get_num_rows(P))
        let n = Int(glp_get_num_cols(P))
        program.variables.reserveCapacity(n)
        for j in 1...max(n, 1) where j <= n {
            let j32 = Int32(j)
            let (lower, upper) = Self.bounds(glp_get_col_type(P, j32), glp_get_col_lb(P, j32), glp_get_col_ub(P, j32))
            let kind: LinearProgram.VariableKind
            switch glp_get_col_kind(P, j32) {
            case GLP_BV: kind = .binary
            case GLP_IV: kind = .integer
            default: kind = .continuous
            }
            program.variables.append(
                .init(
                    name: glp_get_col_name(P, j32).map { String(cString: $0) } ?? "",
                    lowerBound: lower, upperBound: upper, kind: kind, objective: glp_get_obj_coef(P, j32)))
        }
        var indices = [Int32](repeating: 0, count: n + 1)
        var values = [Double](repeating: 0, count: n + 1)
        program.constraints.reserveCapacity(m)
        for i in 1...max(m, 1) where i <= m {
            let i32 = Int32(i)
            let (lower, upper) = Self.bounds(glp_get_row_type(P, i32), glp_get_row_lb(P, i32), glp_get_row_ub(P, i32))
            let length = Int(glp_get_mat_row(P, i32, &indices, &values))
            var terms: [LinearProgram.Term] = []
            terms.reserveCapacity(length)
            for k in 1...max(length, 1) where k <= length {
                terms.append(.init(LinearProgram.VariableID(Int(indices[k]) - 1), values[k]))
            }
            program.constraints.append(
                .init(
                    name: glp_get_row_name(P, i32).map { String(cString: $0) } ?? "",
                    terms: terms, lowerBound: lower, upperBound: upper))
        }
        return program
    }

    static func bounds(_ type: Int32, _ lb: Double, _ ub: Double) -> (Double?, Double?) {
        switch type {
        case GLP_FR: (nil, nil)
        case GLP_LO: (lb, nil)
        case GLP_UP: (nil, ub)
        case GLP_FX: (lb, lb)
        default: (lb, ub)
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace (or the given characters).
    func trimmingCharacters(in set: String? = nil) -> String {
        let drop: (Character) -> Bool = { character in set.map { $0.contains(character) } ?? character.isWhitespace }
        var text = Substring(self)
        while let first = text.first, drop(first) { text.removeFirst() }
        while let last = text.last, drop(last) { text.removeLast() }
        return String(text)
    }
}
