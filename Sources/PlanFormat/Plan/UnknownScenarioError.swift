/// A scenario id that the plan does not define, such as one given on the command line.
public struct UnknownScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The id asked for.
    public let scenario: String
    /// Where the plan was read from.
    public let file: String
    /// The ids the plan does define, in file order.
    public let available: [String]

    public init(scenario: String, file: String, available: [String]) {
        self.scenario = scenario
        self.file = file
        self.available = available
    }

    public var description: String {
        let place = file.isEmpty ? "the plan" : file
        var text = "\(place): unknown scenario \(Quoted.text(scenario))"
        if let suggestion = Suggestion.nearest(to: scenario, among: available) {
            text += "; did you mean \"\(suggestion)\"?"
        } else if available.isEmpty {
            text += "; the plan defines no scenarios"
        } else {
            text += "; the plan's scenarios are \(available.joined(separator: ", "))"
        }
        return text
    }
}
