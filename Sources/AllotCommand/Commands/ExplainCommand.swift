import Allot
import AllotReports
import ArgumentParser
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

    @OptionGroup var time: TimeOptions

    @Flag(help: "Print JSON (schema: models/output/explain.schema.json).")
    var json = false

    func run(_ console: Console) throws {
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
        let explanation = try loaded.explain(options, console: console)
        start.timer.lap("explain")
        let filter = teams.isEmpty ? nil : Set(teams)
        if json {
            try console.out(ExplanationJSON.render(explanation, teams: filter, timing: time.timing).serialized())
        } else {
            loaded.printWarnings(console)
            try console.out(ExplanationText.render(explanation, teams: filter))
        }
        start.timer.lap("render")
        try explanation.allocation.requireAllocation()
    }
}
