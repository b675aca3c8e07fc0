import ArgumentParser
import PlanFormat
import TeamSheets

/// `allot template`: a spreadsheet for team heads to fill, in the layout `allot import` reads.
struct TemplateCommand: AllotSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Write a team's request spreadsheet (XLSX or CSV) from a company plan.",
        discussion: """
            The header row has the layout's columns, one per KPI of the plan and one per period; \
            with --team, the rows are that team's current requests. The plan's teams may be \
            absent or empty, as for allot import. An .xlsx file has an \
            Instructions sheet; a .csv file has the instructions as # comment lines, which \
            allot import skips. The extension of the -o file picks the format.

            Exit status: 0 written, 65 invalid plan, 66 unreadable file, 64 usage, 73 the file \
            cannot be created, 74 a write failed.
            """)

    @OptionGroup var plan: PlanArgument
    var inputs: [InputFile] { plan.inputs }

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("The file to write: .xlsx or .csv.", valueName: "file"))
    var output: String

    @Option(help: ArgumentHelp("Fill in this team's current requests.", valueName: "id"))
    var team: String?

    var writesToStandardOutput: Bool { false }

    func validate() throws {
        let lower = output.lowercased()
        guard lower.hasSuffix(".xlsx") || lower.hasSuffix(".csv") else {
            throw ValidationError("-o \(output): name the template .xlsx or .csv so that its format is known")
        }
    }

    func run(_ console: Console) throws {
        let file = try OutputFile(output, option: "-o", inputs: inputs)
        let bytes: [UInt8]
        if plan.path == "-", let input = console.standardInput {
            bytes = input
        } else {
            do {
                bytes = try PlanFile.readBytes(path: plan.path)
            } catch {
                throw CommandError(.unreadableInput, error.description)
            }
        }
        // The company plan may have no teams yet: a template is how they start.
        let read = TeamImport.company(bytes: bytes, source: plan.path)
        guard var company = read.plan, read.errors.isEmpty else {
            throw CommandError(.invalidInput, PlanInput.message(PlanErrors(read.errors), path: plan.path))
        }
        for warning in read.warnings { console.err("warning: \(warning)\n") }
        if let scenario = plan.scenario {
            do {
                company = try company.applying(scenario: scenario)
            } catch let error as UnknownScenarioError {
                throw CommandError.usage(error.description)
            }
        }
        var teams: [Team] = []
        if let team {
            guard let found = company.teams.first(where: { $0.id == team }) else {
                let ids = company.teams.map(\.id)
                let hint = Suggestion.nearest(to: team, among: ids).map { "; did you mean '\($0)'?" } ?? "; the teams are \(ids.joined(separator: ", "))"
                throw CommandError.usage("--team \(team): the plan has no team '\(team)'\(hint)")
            }
            teams = [found]
        }
        let instructions = TeamSheetWriter.instructions(plan: company, team: teams.first)
        if output.lowercased().hasSuffix(".xlsx") {
            try file.write(TeamSheetWriter.xlsx(plan: company, teams: teams, instructions: instructions))
        } else {
            try file.write(TeamSheetWriter.csv(plan: company, teams: teams, comments: instructions))
        }
        try file.commit()
        let count = teams.flatMap(\.requests).count
        console.err("wrote \(output): \(count) request\(count == 1 ? "" : "s")\(team.map { " of team \($0)" } ?? "")\n")
    }
}
