import Allot
import ArgumentParser
import LinearSolver
import PlanFormat

/// The plan file and the options every command that reads a plan shares.
struct PlanArgument: ParsableArguments {
    @Argument(help: ArgumentHelp("The plan file (JSON), or - for standard input.", valueName: "plan"))
    var path: String

    @Option(help: ArgumentHelp("Apply one of the plan's scenarios first.", valueName: "id"))
    var scenario: String?

    /// The input the command reads, which no output may overwrite.
    var inputs: [InputFile] {
        InputFile(path: path, role: "plan file").map { [$0] } ?? []
    }
}

/// `--budget`, which takes values that may start with a dash.
struct BudgetOption: ParsableArguments {
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Solve with this total budget: an amount (\"9.5M\"), a change (-2M, -10%, +5%) or a share (90%) of the budget in force.", valueName: "level"))
    var budget: String?
}

/// The one deadline of a command, and whether to print timings.
struct TimeOptions: ParsableArguments {
    static let defaultSeconds = 300.0

    @Option(
        name: .customLong("time-limit"),
        help: ArgumentHelp(
            "Stop all solving after this many seconds (default 300): the output is finished within 2 s past it, and unfinished figures are marked.",
            valueName: "seconds"))
    var seconds: Double?

    @Flag(help: "Print how long each phase took, on standard error (outputs are otherwise the same from run to run).")
    var timing = false

    mutating func validate() throws {
        if let seconds, !(seconds.isFinite && seconds > 0) {
            throw ValidationError("--time-limit takes a positive number of seconds, not \(seconds)")
        }
    }

    /// The limit in seconds, the default when none was given.
    var limit: Double { seconds ?? Self.defaultSeconds }
}

/// What a command that reads a plan starts with: its one deadline, its phase timer, and the plan.
struct PlanCommandStart {
    let deadline: Deadline
    var timer: PhaseTimer
    var loaded: LoadedPlan

    /// Starts the deadline first (it bounds the whole command), then reads the plan.
    init(plan: PlanArgument, budget: String?, time: TimeOptions, console: Console) throws {
        deadline = Deadline(seconds: time.limit)
        timer = PhaseTimer(enabled: time.timing, console: console)
        loaded = try PlanInput.load(plan.path, scenario: plan.scenario, budget: budget, console: console)
        timer.lap("read")
    }
}

/// Prints phase timings on standard error when `--timing` is given.
struct PhaseTimer {
    let enabled: Bool
    let console: Console
    private let clock = ContinuousClock()
    private var last: ContinuousClock.Instant
    private var phases: [(String, Double)] = []

    init(enabled: Bool, console: Console) {
        self.enabled = enabled
        self.console = console
        last = clock.now
    }

    /// Ends a phase named `name`.
    mutating func lap(_ name: String) {
        let now = clock.now
        phases.append((name, (now - last).inSeconds))
        last = now
    }

    /// Prints the phases, one line, when timing was asked for.
    func finish() {
        guard enabled, !phases.isEmpty else { return }
        let parts = phases.map { "\($0.0) \(NumberText.fixed($0.1 * 1000, decimals: 1)) ms" }
        let total = phases.reduce(0) { $0 + $1.1 }
        console.err("timing: " + parts.joined(separator: ", ") + "; total \(NumberText.fixed(total * 1000, decimals: 1)) ms\n")
    }
}
