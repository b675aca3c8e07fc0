import ArgumentParser
import PlanFormat
import Spreadsheet
import TeamSheets

/// `allot import`: team spreadsheets folded into the company plan.
struct ImportCommand: AllotSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Merge teams' requests from spreadsheets (CSV or XLSX) into a company plan.",
        discussion: """
            COMPANY is a plan file with the KPIs, budget, rules and scenarios (its teams may be \
            absent or empty). Each team file holds one row per request under a header row (see \
            the README, "Teams' requests from spreadsheets"); its rows replace the requests of \
            their team in the company plan, with a warning. Every error is reported at once, at \
            its file and cell (Requests!D7 in a workbook, row:column in a CSV file), including \
            the checks of the merged plan.

            Exit status: 0 written, 65 an invalid file, 66 unreadable file, 64 usage, 73 the \
            file cannot be created, 74 a write failed.
            """)

    @Argument(help: ArgumentHelp("The company plan (JSON), or - for standard input.", valueName: "company"))
    var company: String

    @Argument(help: ArgumentHelp("Team files: .csv (UTF-8; comma, semicolon or tab) or .xlsx.", valueName: "team-file"))
    var teamFiles: [String] = []

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("The merged plan file to write.", valueName: "file"))
    var output: String

    @Option(help: ArgumentHelp("Read this sheet of each workbook (default: the first).", valueName: "name"))
    var sheet: String?

    var writesToStandardOutput: Bool { false }

    var inputs: [InputFile] {
        [InputFile(path: company, role: "company plan")].compactMap { $0 }
            + teamFiles.compactMap { InputFile(path: $0, role: "team file") }
    }

    func validate() throws {
        if teamFiles.isEmpty { throw ValidationError("import needs at least one team file after the company plan") }
        if teamFiles.contains("-") { throw ValidationError("team files are read from files; only the company plan may be - (standard input)") }
    }

    func run(_ console: Console) throws {
        let file = try OutputFile(output, option: "-o", inputs: inputs)
        let companyBytes: [UInt8]
        if company == "-", let input = console.standardInput {
            companyBytes = input
        } else {
            do {
                companyBytes = try PlanFile.readBytes(path: company)
            } catch {
                throw CommandError(.unreadableInput, error.description)
            }
        }
        var files: [TeamFile] = []
        var errors: [PlanError] = []
        var seen: Set<String> = []
        for path in teamFiles {
            guard seen.insert(path).inserted else {
                throw CommandError.usage("the team file \(path) is named twice; name each file once")
            }
            switch try TeamFiles.read(path, sheet: sheet) {
            case .success(let team): files.append(team)
            case .failure(let error): errors.append(error)
            }
        }
        let result = TeamImport.merge(company: companyBytes, source: company, files: files)
        for warning in result.warnings { console.err("warning: \(warning)\n") }
        // Each file's errors together, in the order the files were named.
        let order = [company] + teamFiles
        errors = (errors + result.errors).enumerated().sorted { a, b in
            (order.firstIndex(of: a.element.file) ?? order.count, a.offset) < (order.firstIndex(of: b.element.file) ?? order.count, b.offset)
        }.map(\.element)
        guard errors.isEmpty, let text = result.text, let plan = result.plan else {
            file.discard()
            let count = errors.count
            throw CommandError(
                .invalidInput,
                "\(count == 1 ? "1 error" : "\(count) errors") in the import:\n" + errors.map { "  \($0)" }.joined(separator: "\n"))
        }
        try file.write(text)
        try file.commit()
        let teams = result.importedTeams.count
        console.err(
            "wrote \(output): \(plan.teams.count) team\(plan.teams.count == 1 ? "" : "s"), \(plan.requests.count) request\(plan.requests.count == 1 ? "" : "s")"
                + " (\(teams) team\(teams == 1 ? "" : "s") from \(files.count) file\(files.count == 1 ? "" : "s"))\n")
    }
}
