package org.socialfeed.feed.timeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What one event did to home timelines, in order, so that whoever applied the event can tell the live streams: the
 * write side only changes timelines and knows nothing of streams.
 */
public final class TimelineChanges {

    /** An entry inserted into these readers' timelines. */
    public record Added(Collection<String> readerIds, String entryId) {
    }

    /** An entry by an author merged at read time (nothing inserted: every follower's stream shows it). */
    public record MergedEntry(String authorId, String entryId) {
    }

    /** An entry gone from the timelines of its author and the author's followers. */
    public record Removed(String authorId, String entryId) {
    }

    /** An entry by an author edited: whoever has it from that author sees the new text. */
    public record Edited(String authorId, String entryId) {
    }

    private final List<Added> added = new ArrayList<>();
    private final List<MergedEntry> merged = new ArrayList<>();
    private final List<Removed> removed = new ArrayList<>();
    private final List<Edited> edited = new ArrayList<>();

    void added(Collection<String> readerIds, String entryId) {
        added.add(new Added(readerIds, entryId));
    }

    void merged(String authorId, String entryId) {
        merged.add(new MergedEntry(authorId, entryId));
    }

    void removed(String authorId, String entryId) {
        removed.add(new Removed(authorId, entryId));
    }

    void edited(String authorId, String entryId) {
        edited.add(new Edited(authorId, entryId));
    }

    public List<Added> added() {
        return added;
    }

    public List<MergedEntry> merged() {
        return merged;
    }

    public List<Removed> removed() {
        return removed;
    }

    public List<Edited> edited() {
        return edited;
    }
}
