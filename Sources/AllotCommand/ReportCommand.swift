import Allot
import AllotReports
import LinearSolver

/// `allot report`: the stakeholder report as HTML, Markdown or CSV, and one file per team.
enum ReportCommand {
    static let help = """
        Usage: allot report PLAN -o FILE [--scenario ID] [--budget MONEY] [--time-limit SECONDS]
               allot report PLAN --per-team DIR [--format html|md] [--scenario ID] [--budget MONEY]

        Writes the stakeholder report of a plan's proposal. The extension of FILE picks the format:
          .html   one self-contained page (inline CSS and SVG charts, no scripts, no network)
          .md     the same content in Markdown, with tables where the HTML has charts
          .csv    one row per request, numbers as numbers, for spreadsheets
        --per-team DIR writes one file per team (DIR/<team-id>.html, or .md with --format md)
        with the team's own lines and the company context. -o and --per-team may be combined.

        Files are written atomically; the plan file is never written to.

        """

    enum Format: String { case html, md, csv }

    static func run(_ words: [String], console: Console) throws {
        let arguments = try Arguments(
            words, flags: ["--help"], options: ["--output", "--per-team", "--format", "--scenario", "--budget", "--time-limit"],
            aliases: ["-h": "--help", "-o": "--output"])
        if arguments.has("--help") { return console.out(help) }
        let path = try PlanCommands.singlePlan(arguments, command: "report")
        let deadline = Deadline(seconds: try arguments.positiveNumber("--time-limit") ?? PlanCommands.defaultTimeLimit)
        let output = arguments.value("--output")
        let directory = arguments.value("--per-team")
        if output == "" { throw CommandError.usage("-o needs a file name, such as -o report.html") }
        if directory == "" { throw CommandError.usage("--per-team needs a directory name, such as --per-team teams/") }
        guard output != nil || directory != nil else {
            throw CommandError.usage("report needs -o FILE (.html, .md or .csv) or --per-team DIR")
        }
        let format = try output.map { try formatOf($0) }
        var teamFormat = Format.html
        if let text = arguments.value("--format") {
            guard directory != nil else { throw CommandError.usage("--format applies to --per-team files; -o takes its format from the extension") }
            guard let chosen = Format(rawValue: text.lowercased()), chosen != .csv else {
                throw CommandError.usage("--format takes html or md, not '\(text)'")
            }
            teamFormat = chosen
        }
        if let output, path != "-", OutputFile.sameFile(output, path) {
            throw CommandError.usage("-o \(output) is the plan file itself; choose another output file")
        }
        let loaded = try PlanInput.load(path, scenario: arguments.value("--scenario"), budget: arguments.value("--budget"), console: console)
        for warning in loaded.warnings { console.err("warning: \(warning)\n") }
        let options = ExplainOptions(deadline: deadline)
        let explanation = try loaded.explain(options, console: console)
        guard explanation.allocation.status == .optimal || explanation.allocation.status == .feasible else {
            console.out(AllocationText.render(explanation.allocation))
            throw CommandError(.noSolution, "the plan has no allocation to report")
        }
        let report = StakeholderReport(explanation, planBytes: loaded.bytes)
        // Every per-team file is named, and checked against the plan and -o, before any is written.
        var files: [(team: String, path: String)] = []
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
                let file = directory + (directory.hasSuffix("/") ? "" : "/") + name + "." + teamFormat.rawValue
                if path != "-", OutputFile.sameFile(file, path) {
                    throw CommandError.usage("--per-team \(directory): team '\(team.id)' would be written to \(file), which is the plan file itself; choose another directory")
                }
                if let output, file == output || OutputFile.sameFile(file, output) {
                    throw CommandError.usage("--per-team \(directory): team '\(team.id)' would be written to \(file), which is also the -o file; choose another directory")
                }
                files.append((team.id, file))
            }
        }
        if let output, let format {
            let text: String
            switch format {
            case .html: text = HTMLReport.render(report)
            case .md: text = MarkdownReport.render(report)
            case .csv: text = CSVReport.render(report)
            }
            try OutputFile.write(text, to: output)
            console.err("wrote \(output)\n")
        }
        if let directory {
            try OutputFile.makeDirectory(directory)
            for (team, file) in files {
                let text = teamFormat == .md
                    ? MarkdownReport.renderTeam(report, team: team) : HTMLReport.renderTeam(report, team: team)
                try OutputFile.write(text, to: file)
            }
            console.err("wrote \(loaded.plan.teams.count) team reports to \(directory)\n")
        }
    }

    static func formatOf(_ path: String) throws -> Format {
        let lower = path.lowercased()
        if lower.hasSuffix(".html") || lower.hasSuffix(".htm") { return .html }
        if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") { return .md }
        if lower.hasSuffix(".csv") { return .csv }
        throw CommandError.usage("-o \(path): name the report .html, .md or .csv so that its format is known")
    }
}
