import TMinusCore
import TMinusQueues
import Testing

struct ConsumerPolicyTests {
    private let draining = ConsumerPolicy(pollInterval: .seconds(5), stopCondition: .whenEmpty)
    private let serving = ConsumerPolicy(pollInterval: .seconds(5), stopCondition: .whenCancelled)

    @Test func pollsAgainAtOnceAfterAFullPoll() {
        #expect(draining.nextStep(received: 2, now: testStart, nextVisibleAt: nil) == .poll)
    }

    @Test func stopsWhenEmptyOnlyIfAskedTo() {
        #expect(draining.nextStep(received: 0, now: testStart, nextVisibleAt: nil) == .stop)
        #expect(serving.nextStep(received: 0, now: testStart, nextVisibleAt: nil) == .sleep(.seconds(5)))
    }

    @Test func sleepsUntilTheNextMessageIsVisibleButNoLongerThanThePollInterval() {
        let soon = testStart.adding(.seconds(2))
        let later = testStart.adding(.seconds(60))
        #expect(draining.nextStep(received: 0, now: testStart, nextVisibleAt: soon) == .sleep(.seconds(2)))
        #expect(draining.nextStep(received: 0, now: testStart, nextVisibleAt: later) == .sleep(.seconds(5)))
        #expect(draining.nextStep(received: 0, now: soon, nextVisibleAt: testStart) == .poll)
    }

    @Test func handlerDecisionsMapToTheirSettlements() {
        #expect(ConsumerPolicy.settlement(for: .ack) == .ack)
        #expect(
            ConsumerPolicy.settlement(for: .retry(after: .seconds(3), error: "429"))
                == .retry(after: .seconds(3), error: "429"))
        #expect(ConsumerPolicy.settlement(for: .deadLetter(error: "bad")) == .deadLetter(error: "bad"))
        #expect(
            ConsumerPolicy.settlement(for: .postpone(after: .seconds(60), reason: "quota")) == .postpone(after: .seconds(60)))
    }

    @Test func aThrownErrorIsARetryUnlessTheConsumerIsStopping() {
        let failure = HandlerFailure(reason: "timeout")
        #expect(
            ConsumerPolicy.settlement(forThrown: failure, isCancelled: false)
                == .retry(after: nil, error: "handler failed: timeout"))
        #expect(
            ConsumerPolicy.settlement(forThrown: failure, isCancelled: true)
                == .retry(after: nil, error: "handler failed: timeout"))
        #expect(ConsumerPolicy.settlement(forThrown: CancellationError(), isCancelled: true) == .release)
        #expect(
            ConsumerPolicy.settlement(forThrown: CancellationError(), isCancelled: false)
                == .retry(after: nil, error: "CancellationError()"))
    }
}
