import CGLPKGuard
import Dispatch

/// Thread housekeeping for GLPK.
public enum SolverThreads {
    /// Frees the calling thread's GLPK memory. Call it at the end of a worker thread that solved
    /// programs; every solver created on this thread becomes unusable.
    public static func releaseResources() {
        allot_guard_release_thread()
    }
}

/// A value worked out on another thread while the caller goes on with other work.
///
/// The work must not touch GLPK (problems belong to the thread that made them) nor share mutable
/// state with the caller; its result is handed over whole when ``value()`` returns.
package final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    /// Written once on the worker before the group is left; read only after waiting for it.
    private var result: Value?

    /// Starts the work at once.
    package init(_ work: @escaping @Sendable () -> Value) {
        group.enter()
        DispatchQueue.global().async { [self] in
            result = work()
            group.leave()
        }
    }

    /// The work's result, once it is done.
    package func value() -> Value {
        group.wait()
        return result!
    }
}

extension BackgroundWork {
    /// `transform` of every index of `range`, in order; from `threshold` indices on, the second
    /// half is worked out on another thread while the caller works out the first.
    package static func map<T: Sendable>(
        _ range: Range<Int>, inHalvesFrom threshold: Int, _ transform: @escaping @Sendable (Int) -> T
    ) -> [T] where Value == [T] {
        guard range.count >= threshold, range.count >= 2 else { return range.map(transform) }
        let middle = range.lowerBound + range.count / 2
        let second = BackgroundWork { (middle..<range.upperBound).map(transform) }
        var result: [T] = []
        result.reserveCapacity(range.count)
        for index in range.lowerBound..<middle { result.append(transform(index)) }
        result.append(contentsOf: second.value())
        return result
    }
}
