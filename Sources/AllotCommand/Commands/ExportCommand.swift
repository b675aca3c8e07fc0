import Allot
import ArgumentParser
import LinearSolver
import PlanFormat

/// `allot export`: the plan's program as a CPLEX LP or free MPS file.
struct ExportCommand: AllotSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the plan's linear program as a CPLEX LP or MPS file.",
        discussion: """
            The program has readable ASCII names, so that `allot lp solve FILE` (and glpsol) \
            reproduce the optimum. --mps writes free MPS; MPS cannot say "maximize" in a way GLPK \
            reads, so the file carries the line "* Objective sense: MAX", which allot honours (with \
            glpsol, pass --max). A name ending in .gz is compressed (CPLEX LP only).

            Exit status: 0 written, 65 invalid plan, 66 unreadable file, 64 usage, 73 the file \
            cannot be created, 74 a write failed.
            """)

    @OptionGroup var plan: PlanArgument
    var inputs: [InputFile] { plan.inputs }
    @OptionGroup var budget: BudgetOption

    @Option(help: ArgumentHelp("Write CPLEX LP to this file.", valueName: "file"))
    var lp: String?

    @Option(help: ArgumentHelp("Write free MPS to this file.", valueName: "file"))
    var mps: String?

    var writesToStandardOutput: Bool { false }

    func validate() throws {
        guard (lp == nil) != (mps == nil) else {
            throw ValidationError("export needs exactly one of --lp FILE or --mps FILE")
        }
    }

    func run(_ console: Console) throws {
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
