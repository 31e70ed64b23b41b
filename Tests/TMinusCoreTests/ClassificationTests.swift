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

    @Test(arguments: ProviderKind.allCases)
    func aDeleteTreatsAsOursOnlyEventsCarryingOurMirrorMarkers(provider: ProviderKind) {
        let ours = EventClassifier.mirrorOwnership(markers.evidence(for: provider))
        #expect(ours == .ours(canonicalEventID: "evt_1"))
        #expect(ours.mayBeMirror(of: "evt_1") && !ours.mayBeMirror(of: "evt_2"), "another canonical event's mirror is not this one")
        let origin = ManagedMarkers(canonicalEventID: "evt_1", originAccountID: "acc_a", role: .writeThroughOrigin)
        #expect(EventClassifier.mirrorOwnership(origin.evidence(for: provider)) == .notOurs, "a write-through origin is a person's event")
        #expect(EventClassifier.mirrorOwnership(.none) == .notOurs)
    }

    @Test func graphsBareCategoryIsOursWithoutNamingTheCanonicalEvent() {
        let listed = MarkerEvidence.microsoft(extendedPropertyValue: nil, categories: [ManagedMarkers.microsoftCategory])
        #expect(EventClassifier.mirrorOwnership(listed) == .oursUnnamed)
        #expect(EventClassifier.mirrorOwnership(listed).mayBeMirror(of: "evt_9"), "only a read of the event can tell whose it is")
        let foreign = MarkerEvidence.google(privateProperties: ["tminus": "true"])
        #expect(EventClassifier.mirrorOwnership(foreign) == .notOurs, "a partial tag proves nothing")
    }
}
