/// A moment on the monotonic clock by which a piece of work must be done: one command's solve and
/// every re-solve it makes share one deadline, so that the whole command keeps to one time limit.
///
/// ```swift
/// let deadline = Deadline(seconds: 5)      // five seconds from now
/// var options = SolveOptions()
/// options.deadline = deadline              // each GLPK call gets at most what is left
/// if deadline.isPast { /* start no further re-solve */ }
/// ```
///
/// The clock is `ContinuousClock`: it does not jump with the wall clock.
public struct Deadline: Sendable, Hashable, CustomStringConvertible {
    /// The least time a solve is given, even when the deadline is near or past: GLPK must never
    /// be given a limit of zero or less (which it reads as "no limit" or refuses).
    public static let minimumSolveSeconds = 0.05

    /// The seconds from creation to the deadline, as asked (`.infinity` for no deadline).
    public let seconds: Double
    private let end: ContinuousClock.Instant?

    /// A deadline `seconds` from now on the monotonic clock. Zero or less makes a deadline that
    /// has already passed; infinity (or more than a century) makes none.
    public init(seconds: Double) {
        let span = seconds.isNaN ? 0 : max(seconds, 0)
        self.seconds = span
        self.end = span < 3e9 ? ContinuousClock.now.advanced(by: .milliseconds(Int64((span * 1000).rounded(.up)))) : nil
    }

    /// No deadline: `remaining` is infinite and `isPast` never true.
    public static var none: Deadline { Deadline(seconds: .infinity) }

    /// Seconds left until the deadline: 0 once it has passed, infinity without a deadline.
    public var remaining: Double {
        guard let end else { return .infinity }
        let left = ContinuousClock.now.duration(to: end)
        return max(Double(left.components.seconds) + Double(left.components.attoseconds) * 1e-18, 0)
    }

    /// Whether the deadline has passed.
    public var isPast: Bool {
        guard let end else { return false }
        return ContinuousClock.now >= end
    }

    /// The seconds a solve started now may take: the least of `cap` (a solve's own limit, if any)
    /// and the time remaining, but never less than ``minimumSolveSeconds``. Nil when neither the
    /// cap nor the deadline limits it.
    public func limit(cap: Double? = nil) -> Double? {
        let allowed = min(cap ?? .infinity, remaining)
        return allowed.isFinite ? max(allowed, Self.minimumSolveSeconds) : nil
    }

    public var description: String {
        end == nil ? "no deadline" : "deadline \(seconds) s after its start, \(remaining) s remaining"
    }
}
