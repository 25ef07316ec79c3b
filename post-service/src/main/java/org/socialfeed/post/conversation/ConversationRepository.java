package org.socialfeed.post.conversation;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.socialfeed.support.mongo.MongoPages;
import org.socialfeed.support.paging.PageRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code conversations} collection, one document per account, thread and participant set (unique). Changes are
 * optimistic: an update names the version it read and fails if another change came first.
 */
@ApplicationScoped
@Startup
public class ConversationRepository {

    private final MongoCollection<Document> conversations;

    public ConversationRepository(MongoDatabase database) {
        this.conversations = database.getCollection("conversations");
    }

    @PostConstruct
    void createIndexes() {
        // the participants as one string: a unique index over an array would index each element on its own
        conversations.createIndex(Indexes.ascending("accountId", "threadId", "participantsKey"),
                new IndexOptions().unique(true));
        conversations.createIndex(Indexes.compoundIndex(Indexes.ascending("accountId"),
                Indexes.descending("lastStatusId")));
        conversations.createIndex(Indexes.ascending("statusIds"));
    }

    public Optional<Conversation> find(long accountId, long threadId, List<Long> participantIds) {
        return Optional.ofNullable(conversations.find(Filters.and(Filters.eq("accountId", accountId),
                        Filters.eq("threadId", threadId), Filters.eq("participantsKey", key(participantIds))))
                .first()).map(ConversationRepository::toConversation);
    }

    /** The account's own conversation with this id. */
    public Optional<Conversation> findOwn(long accountId, long id) {
        return Optional.ofNullable(conversations.find(Filters.and(Filters.eq("_id", id),
                Filters.eq("accountId", accountId))).first()).map(ConversationRepository::toConversation);
    }

    /** Every account's conversations that hold this status. */
    public List<Conversation> holding(long statusId) {
        List<Conversation> found = new ArrayList<>();
        conversations.find(Filters.eq("statusIds", statusId)).forEach(document -> found.add(toConversation(document)));
        return found;
    }

    /** @return false if a conversation with the same account, thread and participants exists already */
    public boolean insert(Conversation conversation) {
        try {
            conversations.insertOne(toDocument(conversation));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Replaces the statuses and unread flag of the version that was read; false if it changed meanwhile. */
    public boolean update(Conversation read, List<Long> statusIds, long lastStatusId, boolean unread) {
        return conversations.updateOne(Filters.and(Filters.eq("_id", read.id()), Filters.eq("version", read.version())),
                Updates.combine(Updates.set("statusIds", statusIds), Updates.set("lastStatusId", lastStatusId),
                        Updates.set("unread", unread), Updates.inc("version", 1L))).getModifiedCount() > 0;
    }

    /** Removes the version that was read; false if it changed meanwhile. */
    public boolean delete(Conversation read) {
        return conversations.deleteOne(Filters.and(Filters.eq("_id", read.id()),
                Filters.eq("version", read.version()))).getDeletedCount() > 0;
    }

    public void markRead(long id) {
        conversations.updateOne(Filters.eq("_id", id), Updates.set("unread", false));
    }

    public void remove(long id) {
        conversations.deleteOne(Filters.eq("_id", id));
    }

    /** A page of the account's conversations by their last status, newest first (Mastodon's paging). */
    public List<Conversation> page(long accountId, PageRequest page) {
        return MongoPages.read(conversations, Filters.eq("accountId", accountId), null, "lastStatusId", page,
                ConversationRepository::toConversation);
    }

    private static String key(List<Long> participantIds) {
        return participantIds.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static Document toDocument(Conversation conversation) {
        return new Document("_id", conversation.id())
                .append("accountId", conversation.accountId())
                .append("threadId", conversation.threadId())
                .append("participantIds", conversation.participantIds())
                .append("participantsKey", key(conversation.participantIds()))
                .append("statusIds", conversation.statusIds())
                .append("lastStatusId", conversation.lastStatusId())
                .append("unread", conversation.unread())
                .append("version", conversation.version());
    }

    private static Conversation toConversation(Document document) {
        return new Conversation(document.getLong("_id"), document.getLong("accountId"), document.getLong("threadId"),
                document.getList("participantIds", Long.class), document.getList("statusIds", Long.class),
                document.getLong("lastStatusId"), document.getBoolean("unread", false),
                document.get("version", Number.class).longValue());
    }
}
