import Synchronization
import Testing
import TestSupport

@testable import Allot
@testable import AllotCommand
import LinearSolver
@testable import PlanFormat

/// Long explanations say how far they have got, on standard error, and only to a terminal.
@Suite struct ProgressTests {
    final class Lines: Sendable {
        let text = Mutex("")
        let steps = Mutex<[ExplainProgress]>([])
    }

    static func console(_ lines: Lines, terminal: Bool) -> Console {
        Console(out: { _ in }, err: { line in lines.text.withLock { $0 += line } }, errorIsTerminal: terminal)
    }

    @Test func explainerCountsEveryRequestAndRule() throws {
        let plan = Make.plan([
            Make.request("a", amount: 600_000, perDollar: 2),
            Make.request("b", amount: 600_000, perDollar: 1.5),
            Make.request("c", amount: 400_000, perDollar: 0.5),
        ], total: 1_000_000, constraints: [
            Constraint(id: "cap", kind: .cap(max: 500_000), scope: Scope(requests: ["a"])),
        ])
        let lines = Lines()
        var options = ExplainOptions()
        options.progress = { step in lines.steps.withLock { $0.append(step) } }
        _ = try Explainer.explain(plan, options: options)
        let steps = lines.steps.withLock { $0 }
        let thresholds = steps.filter { $0.step == .thresholds }
        #expect(thresholds.map(\.done) == [0, 1, 2])
        #expect(thresholds.allSatisfy { $0.total == 3 })
        #expect(steps.contains { $0.step == .frontier })
        #expect(steps.filter { $0.step == .rules }.map(\.total) == [1])
    }

    @Test func lineIsDrawnThrottledAndErased() {
        let lines = Lines()
        let progress = ProgressLine(console: Self.console(lines, terminal: true), delay: 0)
        let callback = try! #require(progress.callback)
        callback(.init(step: .thresholds, done: 3, total: 10))
        callback(.init(step: .thresholds, done: 4, total: 10))  // within a quarter second: not drawn
        progress.finish()
        let text = lines.text.withLock { $0 }
        #expect(text.hasPrefix("\r\u{1B}[Kallot: what-it-would-take figures: 3 of 10 ("))
        #expect(!text.contains("4 of 10"))
        #expect(text.hasSuffix("\r\u{1B}[K"))
    }

    @Test func nothingIsWrittenWhenStandardErrorIsNotATerminal() {
        let lines = Lines()
        let progress = ProgressLine(console: Self.console(lines, terminal: false), delay: 0)
        #expect(progress.callback == nil)
        progress.finish()
        #expect(lines.text.withLock { $0 }.isEmpty)
    }

    @Test func nothingIsWrittenForShortWork() {
        let lines = Lines()
        let progress = ProgressLine(console: Self.console(lines, terminal: true))
        progress.callback?(.init(step: .rules, done: 0, total: 2))
        progress.finish()
        #expect(lines.text.withLock { $0 }.isEmpty)
    }
}

/// A long walk of `allot cuts` says how far it has got, on a terminal's standard error only.
@Suite struct CutsProgressTests {
    @Test func theWalkReportsEachSolveAndTheLineIsErased() throws {
        let lines = ProgressTests.Lines()
        let console = ProgressTests.console(lines, terminal: true)
        let progress = ProgressLine(console: console, delay: 0)
        let plan = try PlanReader.read(path: Repository.root + "/Tests/Fixtures/cut-order.json").plan
        let counted = ProgressTests.Lines()
        _ = try SolvedPlan(plan).cuts(deadline: Deadline(seconds: 60)) { step in
            counted.steps.withLock { $0.append(step) }
            progress.update(step)
        }
        progress.finish()
        let steps = counted.steps.withLock { $0 }
        #expect(steps.count >= 6)
        #expect(steps.allSatisfy { $0.step == .cuts })
        let text = lines.text.withLock { $0 }
        #expect(text.contains("allot: walking the budget down: "))
        #expect(text.contains(" solve"))
        #expect(text.hasSuffix("\r\u{1B}[K"))
    }
}
