package org.socialfeed.user.graph;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.socialfeed.support.id.SnowflakeIds;
import org.socialfeed.support.outbox.OutboxOwner;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code blocks} and {@code mutes} collections, keyed like their events ({@code block:blockerId:blockedId},
 * {@code mute:muterId:mutedId}), so a document and the Kafka record of its latest change share one key.
 */
@ApplicationScoped
@Startup
public class BlockMuteStores implements OutboxOwner {

    private final SwitchStore blocks;
    private final SwitchStore mutes;

    public BlockMuteStores(MongoDatabase database, SnowflakeIds ids) {
        this.blocks = new SwitchStore(database.getCollection("blocks"), "block", ids);
        this.mutes = new SwitchStore(database.getCollection("mutes"), "mute", ids);
    }

    @Override
    public List<MongoCollection<Document>> outboxCollections() {
        return List.of(blocks.collection(), mutes.collection());
    }

    public SwitchStore blocks() {
        return blocks;
    }

    public SwitchStore mutes() {
        return mutes;
    }

    /** Whether either account blocks the other. */
    public boolean blockedEitherWay(long a, long b) {
        return !blocks.active(List.of(blocks.key(a, b), blocks.key(b, a))).isEmpty();
    }

    /** The accounts among {@code others} that {@code viewerId} blocks or is blocked by: hidden from each other. */
    public Set<Long> hiddenFrom(long viewerId, Collection<Long> others) {
        List<String> keys = new ArrayList<>();
        for (long other : others) {
            keys.add(blocks.key(viewerId, other));
            keys.add(blocks.key(other, viewerId));
        }
        Set<Long> hidden = new HashSet<>();
        blocks.active(keys).values().forEach(block -> {
            long source = block.getLong("sourceId");
            hidden.add(source == viewerId ? block.getLong("targetId") : source);
        });
        return hidden;
    }
}
