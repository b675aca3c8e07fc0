import Allot
import AllotReports
import ArgumentParser
import LinearSolver
import PlanFormat

/// `allot fix`: an infeasible plan with the edits that make it feasible applied, as a new file.
struct FixCommand: AllotSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "fix",
        abstract: "Write an infeasible plan with the edits that make it feasible applied.",
        discussion: """
            The edits are the diagnosis's joint fix (the same as `diagnosis.jointFix` in \
            `allot solve --json`): the limits the allocation that misses the plan's rules by the \
            least would have to move to, committed amounts included, or the total budget raised \
            to the lowest feasible total where the budget itself is the conflict. Each is rounded \
            to three significant figures toward the side where it holds. The plan with them is \
            solved again before anything is written, and the edits are listed on standard error \
            with their JSON Pointers. The file is the plan as read, re-indented, with only those \
            numbers changed (amounts written as numbers); the input is never written to.

            A plan that is already feasible is left alone: nothing is written, exit 0.

            Exit status: 0 written (or nothing to fix), 1 no fix found within the time limit, \
            65 invalid plan, 66 unreadable file, 64 usage, 73 the file cannot be created, 74 a \
            write failed.
            """)

    @Argument(help: ArgumentHelp("The plan file (JSON), or - for standard input.", valueName: "plan"))
    var path: String

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("The fixed plan file to write.", valueName: "file"))
    var output: String

    @OptionGroup var time: TimeOptions

    var inputs: [InputFile] { InputFile(path: path, role: "plan file").map { [$0] } ?? [] }

    var writesToStandardOutput: Bool { false }

    func validate() throws {
        if output.isEmpty { throw ValidationError("-o needs a file name, such as -o fixed.json") }
    }

    func run(_ console: Console) throws {
        var timer = PhaseTimer(enabled: time.timing, console: console)
        defer { timer.finish() }
        let deadline = Deadline(seconds: time.limit)
        let file = try OutputFile(output, option: "-o", inputs: inputs)
        let loaded = try PlanInput.load(path, scenario: nil, budget: nil, console: console)
        loaded.printWarnings(console)
        let solved = try SolvedPlan(loaded.plan, warnings: loaded.warningTexts, deadline: deadline)
        timer.lap("solve")
        let allocation = solved.allocation
        guard allocation.status == .infeasible else {
            file.discard()
            if allocation.status == .noSolution {
                throw CommandError(.noSolution, "no allocation was found within the time limit, so whether the plan needs a fix is not known; nothing written")
            }
            console.err("\(loaded.displayPath): the plan is feasible; nothing to fix, nothing written\n")
            return
        }
        let said = { (edits: [PlanEdit]) in FixText.edits(edits, of: allocation) }
        guard let joint = allocation.diagnosis?.jointFix else {
            file.discard()
            throw CommandError(.noSolution, "no set of edits that makes the plan feasible was found within the time limit; nothing written (allot solve shows the diagnosis)")
        }
        guard joint.verified else {
            file.discard()
            throw CommandError(
                .noSolution,
                "the edits found (\(said(joint.edits).joined(separator: "; "))) do not make the plan feasible when applied; nothing written")
        }
        // The file as read, with the edits at their pointers; read back and solved before it is
        // kept, so that what is written is a valid plan that holds.
        let document: JSONValue
        do {
            document = try JSONParser.parse(loaded.bytes).jsonValue.applying(joint.edits)
        } catch {
            file.discard()
            throw CommandError(.internalError, "the edits could not be applied to \(loaded.displayPath): \(error)")
        }
        let text = document.serialized() + "\n"
        let check = try PlanReader.read(bytes: Array(text.utf8), source: output)
        let fixed = try SolvedPlan(check.plan, deadline: deadline, diagnose: false)
        guard fixed.allocation.status == .optimal || fixed.allocation.status == .feasible else {
            file.discard()
            throw CommandError(.internalError, "the plan with the edits applied is not feasible when read back; nothing written")
        }
        timer.lap("check")
        try file.write(text)
        try file.commit()
        console.err("wrote \(output): \(joint.edits.count) \(joint.edits.count == 1 ? "edit, and the plan with it" : "edits, and the plan with them") is feasible:\n")
        for line in said(joint.edits) { console.err("  \(line)\n") }
    }
}
