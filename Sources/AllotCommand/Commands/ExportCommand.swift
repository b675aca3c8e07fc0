import Allot
import AllotReports
import ArgumentParser
import LinearSolver
import PlanFormat

/// `allot export`: the plan's program as a CPLEX LP or free MPS file.
struct ExportCommand: AllotSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the plan's linear program as a CPLEX LP or MPS file, or the proposal in long format.",
        discussion: """
            The program has readable ASCII names, so that `allot lp solve FILE` (and glpsol) \
            reproduce the optimum. --mps writes free MPS; MPS cannot say "maximize" in a way GLPK \
            reads, so the file carries the line "* Objective sense: MAX", which allot honours (with \
            glpsol, pass --max). A name ending in .gz is compressed (CPLEX LP only).

            --long FILE solves the plan and writes the proposal as CSV for planning tools: the \
            columns team,request,period,measure,value, one row per request, period and measure \
            (asked, proposed, kpi:<id>), split over the periods by each request's phasing.

            Exit status: 0 written, 1 (--long) the plan has no allocation, 65 invalid plan, 66 unreadable file, 64 usage, 73 the file \
            cannot be created, 74 a write failed.
            """)

    @OptionGroup var plan: PlanArgument
    var inputs: [InputFile] { plan.inputs }
    @OptionGroup var budget: BudgetOption

    @Option(help: ArgumentHelp("Write CPLEX LP to this file.", valueName: "file"))
    var lp: String?

    @Option(help: ArgumentHelp("Write free MPS to this file.", valueName: "file"))
    var mps: String?

    @Option(help: ArgumentHelp("Solve, and write the proposal as team,request,period,measure,value CSV.", valueName: "file"))
    var long: String?

    @OptionGroup var time: TimeOptions

    var writesToStandardOutput: Bool { false }

    func validate() throws {
        guard [lp, mps, long].compactMap({ $0 }).count == 1 else {
            throw ValidationError("export needs exactly one of --lp FILE, --mps FILE or --long FILE")
        }
    }

    func run(_ console: Console) throws {
        if let long {
            let deadline = Deadline(seconds: time.limit)
            let output = try OutputFile(long, option: "--long", inputs: plan.inputs)
            let loaded = try PlanInput.load(plan.path, scenario: plan.scenario, budget: budget.budget, console: console)
            loaded.printWarnings(console)
            let solved = try SolvedPlan(loaded.plan, scenario: loaded.scenario, warnings: loaded.warningTexts, deadline: deadline)
            guard solved.allocation.hasAllocation else {
                output.discard()
                console.err(AllocationText.render(solved.allocation))
                throw CommandError(.noSolution, "the plan has no allocation to export")
            }
            try output.write(TeamSheetReport.long(solved.allocation))
            try output.commit()
            console.err("wrote \(long): \(solved.allocation.requests.count) requests in long format\n")
            return
        }
        let (path, option, format) = lp.map { ($0, "--lp", ModelFormat.cplexLP) } ?? (mps!, "--mps", .freeMPS)
        let gzipped = path.lowercased().hasSuffix(".gz")
        let output = try OutputFile(path, option: option, inputs: plan.inputs)
        let loaded = try PlanInput.load(plan.path, scenario: plan.scenario, budget: budget.budget, console: console)
        loaded.printWarnings(console)
        let program = PlanSolver.program(for: loaded.plan)
        if format == .freeMPS, gzipped, program.sense == .maximize {
            throw CommandError.usage(
                "\(option) \(path): a gzipped MPS file cannot record that the objective is maximized; write .lp, or an uncompressed .mps")
        }
        try output.write(program.fileContents(format: format, gzipped: gzipped))
        try output.commit()
        console.err(
            "wrote \(path): \(program.variables.count) columns, \(program.constraints.count) rows"
                + (format == .freeMPS ? " (maximization: with glpsol, pass --max)" : "") + "\n")
    }
}
