import TMinusCore
import Testing

struct ClassificationTests {
    let markers = ManagedMarkers(canonicalEventID: "evt_1", originAccountID: "acc_a")

    @Test(arguments: ProviderKind.allCases)
    func ourMarkersClassifyAsManagedInEveryProviderScheme(provider: ProviderKind) {
        #expect(EventClassifier.classify(markers.evidence(for: provider), isRecordedMirror: false) == .managedMirror(markers))
    }

    @Test func googleNeedsBothPrivateProperties() {
        let partial = MarkerEvidence.google(privateProperties: ["tminus": "true"])
        #expect(EventClassifier.classify(partial, isRecordedMirror: false) == .foreignManaged)
        #expect(EventClassifier.classify(.google(privateProperties: ["other": "x"]), isRecordedMirror: false) == .origin)
    }

    @Test func microsoftFallsBackToOurCategoryWhenTheExtensionIsDropped() {
        let evidence = MarkerEvidence.microsoft(extendedPropertyValue: nil, categories: ["Work", ManagedMarkers.microsoftCategory])
        guard case .managedMirror = EventClassifier.classify(evidence, isRecordedMirror: false) else {
            Issue.record("category fallback not honoured")
            return
        }
        #expect(EventClassifier.classify(.microsoft(extendedPropertyValue: nil, categories: ["Work"]), isRecordedMirror: false) == .origin)
    }

    @Test func caldavUsesTheManagedProperty() {
        #expect(EventClassifier.classify(.caldav(properties: ["X-TMINUS-MANAGED": "false"]), isRecordedMirror: false) == .foreignManaged)
        #expect(EventClassifier.classify(.caldav(properties: [:]), isRecordedMirror: false) == .origin)
    }

    @Test(arguments: ProviderKind.allCases)
    func writeThroughOriginsAreOriginsThatNameTheirCanonicalEvent(provider: ProviderKind) {
        let origin = ManagedMarkers(canonicalEventID: "evt_1", originAccountID: "acc_a", role: .writeThroughOrigin)
        let evidence = origin.evidence(for: provider)
        #expect(EventClassifier.classify(evidence, isRecordedMirror: false) == .foreignManaged)
        #expect(EventClassifier.writeThroughMarkers(evidence) == origin)
        #expect(EventClassifier.ourMarkers(evidence) == origin)
        #expect(EventClassifier.writeThroughMarkers(markers.evidence(for: provider)) == nil, "a mirror is no origin")
        #expect(EventClassifier.ourMarkers(markers.evidence(for: provider)) == markers)
    }

    @Test func recordedMirrorIDMakesAnUnmarkedEventManaged() {
        #expect(EventClassifier.classify(.none, isRecordedMirror: true) == .managedMirror(nil))
        #expect(EventClassifier.classify(.none, isRecordedMirror: false) == .origin)
        #expect(EventClassifier.classify(.none, isRecordedMirror: false).isOrigin)
    }
}
