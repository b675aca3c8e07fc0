import Allot
import AllotReports
import ArgumentParser
import Foundation
import LinearSolver
import PlanFormat

/// `allot explain`: why every team and request got what it got.
struct ExplainCommand: AllotSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain every request's and team's allocation in words and numbers.",
        discussion: """
            Its status, the funding line, what the price of its dollar is made of (the budget and \
            each rule at its limit), what full funding would take (the value its last dollar must \
            create, or the total budget), and, for every rule at its limit, its price, the range \
            where that price holds and who gains or loses without it.

            Exit status: as for solve.
            """)

    @OptionGroup var plan: PlanArgument
    var inputs: [InputFile] { plan.inputs }
    @OptionGroup var budget: BudgetOption

    @Option(name: .customLong("team"), help: ArgumentHelp("Explain this team only (repeat for several); its thresholds are computed.", valueName: "id"))
    var teams: [String] = []

    @Flag(
        inversion: .prefixedNo,
        help: "Compute (or skip) what-it-would-take figures for every request; by default they are computed for plans up to 2,000 requests and for the teams asked for.")
    var thresholds: Bool?

    @Option(
        help: ArgumentHelp(
            "Room to negotiate: for each team (and request), the least and the most it can get among allocations worth at least the best less this fraction of it (1% or 0.01).",
            valueName: "tolerance"))
    var within: String?

    @OptionGroup var time: TimeOptions

    @Flag(help: "Print JSON (schema: models/output/explain.schema.json).")
    var json = false

    /// `--within` as a fraction: "1%" or 0.01, above 0 and below 1.
    func tolerance() throws -> Double? {
        guard let within else { return nil }
        let text = within.trimmingCharacters(in: .whitespaces)
        let value = text.hasSuffix("%") ? Double(text.dropLast()).map { $0 / 100 } : Double(text)
        guard let value, value.isFinite, value > 0, value < 1 else {
            throw CommandError.usage("--within \(Quoted.text(within)): give a tolerance such as 1% or 0.01, above 0 and below 100%")
        }
        return value
    }

    func run(_ console: Console) throws {
        let tolerance = try tolerance()
        var start = try PlanCommandStart(plan: plan, budget: budget.budget, time: time, console: console)
        defer { start.timer.finish() }
        let (deadline, loaded) = (start.deadline, start.loaded)
        let known = loaded.plan.teams.map(\.id)
        for team in teams where !known.contains(team) {
            let hint = Suggestion.nearest(to: team, among: known).map { "; did you mean '\($0)'?" } ?? ""
            throw CommandError.usage("--team \(Quoted.text(team)): the plan has no such team\(hint)")
        }
        let which: ExplainOptions.Thresholds
        switch thresholds {
        case true?: which = .all
        case false?: which = .none
        case nil: which = teams.isEmpty ? .automatic : .teams(Set(teams))
        }
        let options = ExplainOptions(thresholds: which, deadline: deadline)
        let solved = try SolvedPlan(
            loaded.plan, scenario: loaded.scenario, warnings: loaded.warningTexts, deadline: deadline,
            leastChange: loaded.changeReference)
        let explanation = try loaded.explain(solved, options: options, console: console)
        start.timer.lap("explain")
        let room = try tolerance.flatMap { try solved.room(within: $0, teams: teams.isEmpty ? nil : Set(teams), deadline: deadline) }
        if tolerance != nil { start.timer.lap("room") }
        let filter = teams.isEmpty ? nil : Set(teams)
        if json {
            var document = ExplanationJSON.render(explanation, teams: filter, timing: time.timing)
            if let room, case .object(var members) = document {
                members.append(("within", RoomReport.json(room)))
                document = .object(members)
            }
            try console.out(document.serialized())
        } else {
            loaded.printWarnings(console)
            try console.out(ExplanationText.render(explanation, teams: filter))
            if let room { try console.out(RoomReport.text(room, allocation: explanation.allocation)) }
        }
        start.timer.lap("render")
        try explanation.allocation.requireAllocation()
    }
}
