import TMinusCore
import TMinusProviders
import Testing

/// The shared taxonomy: recoveries, data-free descriptions, Retry-After, transport failures.
struct ProviderErrorTests {
    let context = ProviderErrorContext(
        provider: .google, operation: "events.list", status: 429, reason: "rateLimitExceeded")

    @Test func descriptionNamesOperationStatusReasonAndRecovery() {
        let error = ProviderError.rateLimited(retryAfter: .seconds(7), context)
        #expect(error.description == "rateLimited: google events.list: HTTP 429 rateLimitExceeded; wait 7s, then retry")
        #expect(ProviderError.cursorInvalid(context).description.hasSuffix("drop the cursor and run a full listing"))
    }

    @Test func everyCaseHasADistinctKindAndARecovery() {
        let all: [ProviderError] = [
            .rateLimited(retryAfter: nil, context), .cursorInvalid(context), .unauthorized(context),
            .tokenRevoked(context),
            .notFound(context), .gone(context), .preconditionFailed(context), .alreadyExists(context),
            .quotaExceeded(context),
            .forbidden(context), .invalidRequest(context), .transient(context), .malformedResponse(context),
            .unsupported(context),
            .cancelled(context),
        ]
        #expect(Set(all.map(\.kind)).count == all.count)
        #expect(all.allSatisfy { $0.context == context })
        #expect(
            all.filter { $0.recovery == .doNotRetry }.map(\.kind) == ["forbidden", "invalidRequest", "unsupported"])
    }

    @Test func retryAfterReadsSecondsAndHTTPDatesAgainstTheServerDate() {
        #expect(RetryAfter.duration(in: ["Retry-After": "7"]) == .seconds(7))
        #expect(RetryAfter.duration(in: ["Retry-After": " 0 "]) == .seconds(0))
        #expect(
            RetryAfter.duration(in: [
                "Retry-After": "Wed, 21 Oct 2015 07:28:30 GMT", "Date": "Wed, 21 Oct 2015 07:28:00 GMT",
            ])
                == .seconds(30))
        #expect(RetryAfter.duration(in: ["Retry-After": "Wed, 21 Oct 2015 07:28:30 GMT"]) == nil)
        #expect(RetryAfter.duration(in: ["Retry-After": "-3"]) == nil)
        #expect(RetryAfter.duration(in: ["Retry-After": "soon"]) == nil)
        #expect(RetryAfter.duration(in: [:]) == nil)
    }

    @Test func transportFailuresMapToTransientInvalidOrCancelled() {
        #expect(AuthorizedExchange.map(.timedOut, provider: .google, operation: "events.insert").kind == "transient")
        #expect(
            AuthorizedExchange.map(.connectionReset, provider: .google, operation: "events.insert").kind == "transient")
        #expect(
            AuthorizedExchange.map(.invalidRequest("bad"), provider: .google, operation: "x").kind == "invalidRequest")
        #expect(AuthorizedExchange.map(.cancelled, provider: .google, operation: "x").recovery == ProviderRecovery.none)
    }

    @Test func secretsAreRedactedInEveryDescription() {
        let secret = ProviderSecret("ya29.very-secret")
        #expect("\(secret)" == "<redacted>")
        #expect("\(ProviderCredential.bearer(secret))" == "bearer <redacted>")
        #expect(ProviderCredential.bearer(secret).authorizationHeader == "Bearer ya29.very-secret")
        #expect(
            ProviderCredential.basic(user: "Aladdin", password: ProviderSecret("open sesame")).authorizationHeader
                == "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
        #expect(!"\(SyncCursor("CPDAlvWDx70CEPDAlvWDx70CGAU="))".contains("CPDA"))
    }
}
