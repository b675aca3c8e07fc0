#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How to solve a program.
public struct SolveOptions: Sendable {
    /// The simplex variant for linear programs and for the relaxations of integer programs.
    public enum Method: String, Sendable {
        /// The dual simplex for a first solve and after bound changes, the primal simplex after
        /// objective changes.
        case automatic
        case primal
        /// The dual simplex; GLPK switches to the primal if the dual fails.
        case dual
    }

    public var method: Method = .automatic
    /// Use the long-step ("flip") ratio test in the dual simplex, much faster on programs with
    /// many bounded variables.
    public var longStepRatioTest = true
    /// Stop after this many seconds; `nil` means no limit.
    public var timeLimit: Double?
    /// Stop by this deadline, shared with other solves: each GLPK call is given the least of
    /// `timeLimit` (less what the solve has spent) and the time remaining, and never less than
    /// ``Deadline/minimumSolveSeconds``. `nil` means no deadline.
    public var deadline: Deadline?
    /// Stop after this many simplex iterations; `nil` means no limit.
    public var iterationLimit: Int?
    /// For integer programs: stop once the best solution is within this relative gap of the best
    /// bound (0 asks for a proof of optimality).
    public var relativeGap: Double = 0
    /// For integer programs: use GLPK's cutting planes (Gomory, MIR, cover, clique).
    public var cuts = true
    /// Solve the linear relaxation only, ignoring integrality.
    public var relaxIntegrality = false
    /// Echo GLPK's own terminal output to standard error.
    public var showSolverOutput = false
    /// Factorize the starting basis afresh before a linear solve. A warm re-solve otherwise
    /// starts from the factorization the solves before left, updated pivot by pivot, whose
    /// rounding shows in the last digits of values and duals: afresh, the answer depends only on
    /// the basis and the program, so two solvers that reach one basis answer alike from it to the
    /// bit (walks of cuts on two threads join that way). Costs one factorization.
    package var freshFactorization = false

    public init(
        method: Method = .automatic, timeLimit: Double? = nil, relativeGap: Double = 0,
        relaxIntegrality: Bool = false
    ) {
        self.method = method
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.relaxIntegrality = relaxIntegrality
    }

    /// The seconds a GLPK call may take after the solve has spent `spent` seconds, or nil for
    /// no limit.
    func secondsAllowed(after spent: Double) -> Double? {
        let own = timeLimit.map { max($0 - spent, Deadline.minimumSolveSeconds) }
        guard let deadline else { return own }
        return deadline.limit(cap: own)
    }

    func validate() throws {
        if let timeLimit, !(timeLimit.isFinite && timeLimit > 0) {
            throw SolverError.invalid("the time limit must be a positive number of seconds, not \(timeLimit)")
        }
        if let iterationLimit, iterationLimit <= 0 {
            throw SolverError.invalid("the iteration limit must be positive, not \(iterationLimit)")
        }
        guard relativeGap.isFinite, relativeGap >= 0 else {
            throw SolverError.invalid("the relative gap must be a finite number >= 0, not \(relativeGap)")
        }
    }
}

extension Duration {
    /// The duration in seconds.
    public var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}

enum NumberSpan {
    /// A magnitude for messages: 1e-11, 0.5, 2e+15.
    static func text(_ value: Double) -> String {
        value >= 1e-3 && value < 1e6 ? "\(value)" : {
            let exponent = Int(log10(value).rounded(.down))
            return "\(Int((value / pow(10, Double(exponent))).rounded()))e\(exponent)"
        }()
    }
}
