import Allot
import AllotReports
import ArgumentParser
import Dispatch
import LinearSolver
import PlanFormat

/// `allot report`: the stakeholder report as HTML, Markdown or CSV, and one file per team.
struct ReportCommand: AllotSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the stakeholder report of a plan's proposal.",
        discussion: """
            The extension of the -o file picks the format:
              .html   one self-contained page: inline CSS and SVG, no network, and one
                      inline script (the what-if slider) allowed by its hash
              .md     the same content in Markdown, with tables where the HTML has charts
              .csv    one row per request, numbers as numbers, for spreadsheets; with a
                      comparison, its long form: column,team,request,allocated,
                      change,reason_code

            Besides the proposal, the report walks the total budget down (value against the \
            total, allocation by team, the order of cuts, and a what-if slider over the total: \
            open report.html#budget=LEVEL to start at a level) and gives each team's room to \
            negotiate within 1% of the best value. One of --budgets, --scenarios or --against, \
            as allot compare takes them, adds the comparison.

            --per-team DIR writes one file per team (DIR/<team-id>.html, or .md, .csv or .xlsx with \
            --format): HTML and Markdown with the team's own lines and the company context; CSV \
            and XLSX in the layout teams send their requests in (allot import reads them back), \
            with the proposed amount, status and reason added. -o and --per-team may be combined.

            Files are written atomically; no input is ever written to.

            Exit status: 0 written, 1 the plan has no allocation to report, 65 invalid plan, \
            66 unreadable file, 64 usage, 73 a file cannot be created, 74 a write failed.
            """)

    enum Format: String { case html, md, csv }

    /// The formats of the per-team files.
    enum TeamFormat: String, ExpressibleByArgument, CaseIterable { case html, md, csv, xlsx }

    @OptionGroup var plan: PlanArgument
    var inputs: [InputFile] { plan.inputs + comparison.inputs }
    @OptionGroup var budget: BudgetOption

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("The report file: .html, .md or .csv.", valueName: "file"))
    var output: String?

    @Option(name: .customLong("per-team"), help: ArgumentHelp("Write one file per team into this folder.", valueName: "dir"))
    var directory: String?

    @Option(help: ArgumentHelp("The format of the per-team files: html, md, csv or xlsx.", valueName: "format"))
    var format: TeamFormat?

    @OptionGroup var comparison: ComparisonOptions

    @OptionGroup var time: TimeOptions

    var writesToStandardOutput: Bool { false }

    func validate() throws {
        if output == "" { throw ValidationError("-o needs a file name, such as -o report.html") }
        if directory == "" { throw ValidationError("--per-team needs a directory name, such as --per-team teams/") }
        guard output != nil || directory != nil else {
            throw ValidationError("report needs -o FILE (.html, .md or .csv) or --per-team DIR")
        }
        if let output { _ = try Self.formatOf(output) }
        try comparison.check(required: false)
        if comparison.given > 0, output == nil {
            throw ValidationError("--budgets, --scenarios and --against add the comparison to the -o report: give -o FILE")
        }
        if comparison.given > 0, plan.scenario != nil || budget.budget != nil {
            throw ValidationError(
                "--budgets, --scenarios and --against compare the plan as written, as allot compare does: drop \(plan.scenario != nil ? "--scenario" : "--budget")")
        }
        if format != nil, directory == nil {
            throw ValidationError("--format applies to --per-team files; -o takes its format from the extension")
        }
    }

    func run(_ console: Console) throws {
        var timer = PhaseTimer(enabled: time.timing, console: console)
        defer { timer.finish() }
        let inputs = self.inputs
        // The -o file is opened first: an output that cannot be written stops the command before
        // any solving, and an interrupted run leaves nothing behind.
        let deadline = Deadline(seconds: time.limit)
        let file = try output.map { try OutputFile($0, option: "-o", inputs: inputs) }
        let loaded = try PlanInput.load(plan.path, scenario: plan.scenario, budget: budget.budget, console: console)
        loaded.printWarnings(console)
        timer.lap("read")
        // Every per-team file is named, and checked against the inputs and -o, before any is written.
        let teamFormat = format ?? .html
        var teamFiles: [(team: String, path: String)] = []
        if let directory {
            var used: Set<String> = []
            for team in loaded.plan.teams {
                let base = OutputFile.safeName(team.id)
                var name = base
                var number = 2
                while used.contains(name.lowercased()) {
                    name = "\(base)-\(number)"
                    number += 1
                }
                used.insert(name.lowercased())
                let path = directory + (directory.hasSuffix("/") ? "" : "/") + name + "." + teamFormat.rawValue
                if let identity = FileIdentity(path: path), let input = inputs.first(where: { $0.identity == identity }) {
                    throw CommandError.usage(
                        "--per-team \(directory): team '\(team.id)' would be written to \(path), which is \(input.label) itself; choose another directory")
                }
                if let output, path == output || (FileIdentity(path: path) != nil && FileIdentity(path: path) == FileIdentity(path: output)) {
                    throw CommandError.usage(
                        "--per-team \(directory): team '\(team.id)' would be written to \(path), which is also the -o file; choose another directory")
                }
                teamFiles.append((team.id, path))
            }
        }
        let options = ExplainOptions(deadline: deadline)
        let solved = try SolvedPlan(
            loaded.plan, scenario: loaded.scenario, warnings: loaded.warningTexts, deadline: deadline,
            leastChange: loaded.changeReference)
        let explanation = try loaded.explain(solved, options: options, console: console)
        timer.lap("explain")
        guard explanation.allocation.hasAllocation else {
            file?.discard()
            // The diagnosis is a message: report writes nothing on standard output.
            console.err(AllocationText.render(explanation.allocation))
            throw CommandError(.noSolution, "the plan has no allocation to report")
        }
        var report = StakeholderReport(explanation, planBytes: loaded.bytes)
        // The team pages show neither the walk nor the room: only the -o report needs them.
        if output != nil {
            report.budgets = Self.budgets(solved, deadline: deadline, console: console)
            timer.lap("walk and room")
        }
        if comparison.given > 0 {
            let (compared, mode) = try comparison.compare(loaded, path: plan.path, solvedPlan: solved, deadline: deadline, console: console)
            report.comparison = StakeholderReport.Comparison(compared, mode: mode)
            timer.lap("compare")
        }
        if let file, let output {
            let text: String
            switch try Self.formatOf(output) {
            case .html: text = HTMLReport.render(report)
            case .md: text = MarkdownReport.render(report)
            case .csv: text = report.comparison == nil ? CSVReport.render(report) : CSVReport.renderComparison(report)
            }
            try file.write(text)
            try file.commit()
            console.err("wrote \(output)\n")
        }
        if let directory {
            try OutputFile.makeDirectory(directory)
            for (team, path) in teamFiles {
                let bytes: [UInt8]
                switch teamFormat {
                case .html: bytes = Array(HTMLReport.renderTeam(report, team: team).utf8)
                case .md: bytes = Array(MarkdownReport.renderTeam(report, team: team).utf8)
                case .csv, .xlsx: bytes = TeamSheetReport.render(report, team: team, xlsx: teamFormat == .xlsx)
                }
                try OutputFile.write(bytes, to: path, option: "--per-team", inputs: inputs)
            }
            console.err("wrote \(loaded.plan.teams.count) team reports to \(directory)\n")
        }
        timer.lap("render")
    }

    /// The walk of the total budget (for the value curve, the cut order and the slider) and the
    /// room to negotiate, each computed once within the command's deadline; what cannot be
    /// computed is left out with a note.
    static func budgets(_ solved: SolvedPlan, deadline: Deadline, console: Console) -> ReportBudgets {
        let plan = solved.allocation.plan
        let f = AllotReports.Format(currency: plan.currency)
        // The room to negotiate has a solver of its own: on a plan proven optimal it runs beside
        // the walk, on the other core, from a second solve of the same program (which gives the
        // same optimum, solve for solve).
        let beside = solved.allocation.status == .optimal ? RoomBesideTheWalk(plan: plan, deadline: deadline) : nil
        var cuts: BudgetCuts? = nil
        var cutsNote: String? = nil
        do {
            let progress = ProgressLine(console: console)
            defer { progress.finish() }
            // The room beside the walk has the other core: the walk takes one thread then (walks
            // that share a core were measured slower than one alone), and its default otherwise.
            cuts = try solved.cuts(jobs: beside == nil ? nil : 1, deadline: deadline, progress: progress.callback)
        } catch let error as CutsError {
            cutsNote = ReportBudgets.note(error, f)
        } catch {
            cutsNote = "The walk of the total budget failed: \(error)."
        }
        var room: RoomToNegotiate? = nil
        var roomNote: String? = nil
        do {
            // Teams only: the report shows each team's range.
            room = try beside?.wait().get() ?? solved.room(within: ReportBudgets.tolerance, teams: [], deadline: deadline)
            if room == nil { roomNote = "The room to negotiate needs an allocation proven or found by the solver; this plan has none." }
        } catch {
            roomNote = "The room to negotiate could not be computed: \(error)."
        }
        if room != nil, room?.teams.isEmpty == true, deadline.isPast {
            room = nil
            roomNote = "The time limit passed before the room to negotiate was computed (give a longer --time-limit)."
        }
        return ReportBudgets(cuts: cuts, cutsNote: cutsNote, room: room, roomNote: roomNote, plan: plan)
    }

    static func formatOf(_ path: String) throws -> Format {
        let lower = path.lowercased()
        if lower.hasSuffix(".html") || lower.hasSuffix(".htm") { return .html }
        if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") { return .md }
        if lower.hasSuffix(".csv") { return .csv }
        throw ValidationError("-o \(path): name the report .html, .md or .csv so that its format is known")
    }
}

/// The report's room to negotiate, worked out on another thread while the walk runs on this one:
/// the plan is solved again there (a solver belongs to the thread that made it), and the
/// thread's GLPK memory is freed when it is done.
final class RoomBesideTheWalk: @unchecked Sendable {
    private let group = DispatchGroup()
    /// Written once on the worker before the group is left; read after waiting for it.
    private var result: Result<RoomToNegotiate?, any Error> = .success(nil)

    init(plan: Plan, deadline: Deadline) {
        group.enter()
        DispatchQueue.global().async { [self] in
            result = Result {
                let solved = try SolvedPlan(plan, deadline: deadline, diagnose: false)
                return try solved.room(within: ReportBudgets.tolerance, teams: [], deadline: deadline)
            }
            SolverThreads.releaseResources()
            group.leave()
        }
    }

    /// The room, once the worker is done.
    func wait() -> Result<RoomToNegotiate?, any Error> {
        group.wait()
        return result
    }
}
