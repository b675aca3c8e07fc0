import Allot
import PlanFormat

// Figures the renderers show that follow from the domain's facts: sums, differences and tests
// that every output computes the same way.

extension Allocation {
    /// What one team gets: the sums of its requests'.
    struct TeamResult: Sendable {
        /// The team's id and name.
        let id, name: String
        let owner: String?
        /// Its requests' asks, committed spend, allocations, whole units asked and funded, and
        /// value, summed.
        let asked, committed, allocated, unitsAsked, unitsFunded, value: Double

        /// What the team asked for beyond its committed spend.
        var newAsks: Double { asked - committed }

        /// The ask minus the allocation (negative when funded above the ask).
        var gap: Double { asked - allocated }
    }

    /// Every team's sums, in the plan's order.
    var teams: [TeamResult] {
        var start = 0
        return plan.teams.map { team in
            let mine = requests[start..<(start + team.requests.count)]
            start += team.requests.count
            return TeamResult(
                id: team.id, name: team.name, owner: team.owner,
                asked: mine.reduce(0) { $0 + $1.asked }, committed: mine.reduce(0) { $0 + $1.committed },
                allocated: mine.reduce(0) { $0 + $1.allocated },
                unitsAsked: mine.reduce(0) { $0 + ($1.unitsAsked ?? 0) },
                unitsFunded: mine.reduce(0) { $0 + ($1.unitsFunded ?? 0) },
                value: mine.reduce(0) { $0 + $1.value })
        }
    }

    /// Whether the program needed whole-number choices.
    var isInteger: Bool { !integerReasons.isEmpty }

    /// What every request asked for, in all.
    var asked: Double { requests.reduce(0) { $0 + $1.asked } }

    /// The positions in `requests` of a team's requests (requests are listed team by team).
    func requestRange(ofTeam id: String) -> Range<Int> {
        var start = 0
        for team in plan.teams {
            if team.id == id { return start..<(start + team.requests.count) }
            start += team.requests.count
        }
        return 0..<0
    }
}

extension Allocation.RequestResult {
    /// Whether the allocation exceeds the ask by more than the domain's money tolerance (a cent,
    /// or a billionth of the ask): the same test that gives a request the `aboveAsk` reason.
    var isAboveAsk: Bool { allocated > asked + max(0.005, abs(asked) * 1e-9) }
}

extension Allocation.RuleResult {
    /// The rule, as a typed reference to the plan.
    var ref: PlanReference { .rule(id) }
}

extension Diagnosis {
    /// Whether the time limit stopped the diagnosis before it was done: what it gives is proven,
    /// but other conflicts may exist (or, without conflicts, none was found in time), or a
    /// relaxation may be more than needed.
    var cutShort: Bool { searchCutShort || conflicts.contains(where: \.cutShort) }
}

extension Explanation.RuleReason {
    /// Whether the rule changes the proposal: at (or near) its limit, and removing it would move
    /// money or value, or it has a price; or a figure about it was left out, so that it is not
    /// known not to.
    var shapesProposal: Bool {
        guard binding else { return false }
        if !leftOutByTimeLimit.isEmpty { return true }
        return (valueGivenUp ?? 0) >= 0.5 || (dollarsMoved ?? 0) >= 0.5 || abs(shadowPrice ?? 0) >= 1e-6
    }
}

extension Explanation {
    /// The funding line: the value every freely placed dollar clears, the allocation's cutoff
    /// (for an integer plan, with its whole-unit and all-or-nothing choices held as proposed).
    var fundingLine: Double? { allocation.cutoff }

    /// Each period budget's funding line, by period, for the periods that have one.
    var periodLines: [String: Double] {
        var lines: [String: Double] = [:]
        for period in allocation.periods { if let cutoff = period.cutoff { lines[period.period] = cutoff } }
        return lines
    }

    /// Whether the time limit stopped the explanation before every figure was worked out (its
    /// `stopped` note counts what was left out).
    var stoppedByTimeLimit: Bool {
        notes.contains { if case .stopped = $0 { true } else { false } }
    }
}
