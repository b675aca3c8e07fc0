extension Money {
    /// An amount in the short form people write in plans: `900k`, `1.2M`, `2.01M`, `3B`, `250`.
    ///
    /// Used in messages, so that "min 500k is above the amount 400k" reads like the file.
    public static func short(_ value: Double) -> String {
        guard value.isFinite else { return NumberText.significant(value) }
        let size = abs(value)
        let sign = value < 0 ? "-" : ""
        let (scaled, suffix): (Double, String) =
            if size >= 1e9 { (size / 1e9, "B") }
            else if size >= 1e6 { (size / 1e6, "M") }
            else if size >= 1e3 { (size / 1e3, "k") }
            else { (size, "") }
        return sign + NumberText.significant(scaled, digits: 10) + suffix
    }
}
