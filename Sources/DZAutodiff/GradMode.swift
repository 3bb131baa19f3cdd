/// Whether operations record the graph. On by default; off inside ``withoutGrad(_:)``
/// (the language's `no_grad { }`) and during a backward pass without `createGraph`.
///
/// The setting is scoped (a task-local value), not a global switch: it is restored when
/// the scope ends, even by an error.
public enum GradMode {
    @TaskLocal public static var isEnabled = true

    /// Runs `body` without recording any graph.
    public static func withoutGrad<T>(_ body: () throws -> T) rethrows -> T {
        try $isEnabled.withValue(false, operation: body)
    }

    /// Runs `body` with recording switched to `enabled`.
    public static func with<T>(enabled: Bool, _ body: () throws -> T) rethrows -> T {
        try $isEnabled.withValue(enabled, operation: body)
    }
}

/// Whether layers behave as in training (dropout active) or testing (dropout off).
public enum TrainMode {
    @TaskLocal public static var isTraining = true

    /// Runs `body` in test mode (the language's `test_mode { }`).
    public static func testing<T>(_ body: () throws -> T) rethrows -> T {
        try $isTraining.withValue(false, operation: body)
    }
}
