import Testing
@testable import DZREPL

@Suite struct EnvironmentTests {
    @Test func historyPathPrefersXDGStateHome() {
        #expect(HistoryFile.defaultPath(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/dz/history")
        #expect(HistoryFile.defaultPath(environment: ["XDG_STATE_HOME": "", "HOME": "/h"]) == "/h/.dz_history")
        #expect(HistoryFile.defaultPath(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"]) == "/h/.dz_history")
        #expect(HistoryFile.defaultPath(environment: [:]) == nil)
    }

    @Test func colorsNeverWithNoColorOrTheFlagOrOffATerminal() {
        #expect(!ColorPolicy.enabled(forFileDescriptor: 1, environment: ["NO_COLOR": "1"]))
        #expect(!ColorPolicy.enabled(forFileDescriptor: 1, noColorFlag: true, environment: [:]))
        #expect(!ColorPolicy.enabled(forFileDescriptor: -1, environment: [:]))
    }

    @Test func interruptFlagCanBeClearedAndPolled() {
        Interrupt.clear()
        #expect(!Interrupt.isRequested)
        #expect(!Interrupt.poll())
        #expect(!Interrupt.take())
    }
}
