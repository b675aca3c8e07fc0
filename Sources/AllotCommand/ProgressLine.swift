#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Allot
import Synchronization
import PlanFormat

/// A one-line progress message on standard error for long explanations: shown only when
/// standard error is a terminal and the work has run for a second, redrawn at most four times a
/// second, and erased when the work ends, so that nothing of it is left in logs or pipes.
final class ProgressLine: Sendable {
    private struct State {
        var started: timespec
        var lastDrawn: Double = -1
        var shown = false
    }

    private let write: @Sendable (String) -> Void
    private let enabled: Bool
    private let delay: Double
    private let state: Mutex<State>

    /// - Parameter delay: seconds of work before the line first appears.
    init(console: Console, delay: Double = 1) {
        write = console.err
        enabled = console.errorIsTerminal
        self.delay = delay
        state = Mutex(State(started: ProgressLine.now()))
    }

    /// The callback to hand to `ExplainOptions.progress`, or nil when no line is drawn.
    var callback: (@Sendable (ExplainProgress) -> Void)? {
        guard enabled else { return nil }
        return { [self] progress in self.update(progress) }
    }

    func update(_ progress: ExplainProgress) {
        let text = state.withLock { state -> String? in
            let elapsed = ProgressLine.seconds(since: state.started)
            guard elapsed >= delay, state.lastDrawn < 0 || elapsed - state.lastDrawn >= 0.25 else { return nil }
            state.lastDrawn = elapsed
            state.shown = true
            let count = progress.step == .cuts ? ": \(progress.done) \(progress.done == 1 ? "solve" : "solves")"
                : progress.total > 1 ? ": \(progress.done) of \(progress.total)" : ""
            return "\r\u{1B}[Kallot: \(Self.phrase(progress.step))\(count) (\(Int(elapsed)) s)"
        }
        if let text { write(text) }
    }

    /// What a step of an explanation is doing, in a few words.
    static func phrase(_ step: ExplainProgress.Step) -> String {
        switch step {
        case .frontier: "walking the budget frontier"
        case .thresholds: "what-it-would-take figures"
        case .rules: "rules at their limit"
        case .cuts: "walking the budget down"
        }
    }

    /// Erases the line if one was drawn.
    func finish() {
        let shown = state.withLock { state in
            defer { state.shown = false }
            return state.shown
        }
        if shown { write("\r\u{1B}[K") }
    }

    private static func now() -> timespec {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return time
    }

    private static func seconds(since start: timespec) -> Double {
        let time = now()
        return Double(time.tv_sec - start.tv_sec) + Double(time.tv_nsec - start.tv_nsec) / 1e9
    }
}

extension LoadedPlan {
    /// Explains a solved plan, with a progress line on a terminal's standard error while it works.
    func explain(_ solved: SolvedPlan, options: ExplainOptions, console: Console) throws -> Explanation {
        var options = options
        let progress = ProgressLine(console: console)
        options.progress = progress.callback
        defer { progress.finish() }
        return try Explainer.explain(solved, options: options)
    }
}
