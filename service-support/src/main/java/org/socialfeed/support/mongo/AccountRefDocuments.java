package org.socialfeed.support.mongo;

import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.socialfeed.events.AccountRef;
import org.socialfeed.events.ProfileField;

import java.util.Date;
import java.util.List;

/** How an {@link AccountRef} is stored in MongoDB documents (authors of posts, replicas of accounts). */
public final class AccountRefDocuments {

    private AccountRefDocuments() {
    }

    /** The account as a document; fields an older ref does not carry are left out. */
    public static Document toDocument(AccountRef account) {
        Document document = new Document("id", account.id()).append("username", account.username())
                .append("displayName", account.displayName());
        if (account.hasProfile()) {
            document.append("avatar", account.avatar()).append("header", account.header())
                    .append("locked", account.locked()).append("bot", account.bot())
                    .append("discoverable", account.discoverable())
                    .append("createdAt", Date.from(account.createdAt())).append("note", account.note())
                    .append("fields", account.fields() == null ? List.of() : account.fields().stream()
                            .map(field -> new Document("name", field.name()).append("value", field.value()))
                            .toList());
        }
        return document;
    }

    /**
     * The update that makes a replica's document of the account (keyed by its id) describe {@code account}, as
     * absolute values; an older ref without a profile changes only the names.
     */
    public static Bson replicaUpdate(AccountRef account) {
        Document fields = toDocument(account);
        fields.remove("id");
        return Updates.combine(fields.entrySet().stream()
                .map(field -> Updates.set(field.getKey(), field.getValue())).toList());
    }

    /** The account a document made by {@link #toDocument} stands for, reading its id from {@code idField}. */
    public static AccountRef fromDocument(Document document, String idField) {
        String id = String.valueOf(document.get(idField));
        Date createdAt = document.getDate("createdAt");
        if (createdAt == null) {
            return new AccountRef(id, document.getString("username"), document.getString("displayName"));
        }
        return new AccountRef(id, document.getString("username"), document.getString("displayName"),
                document.getString("avatar"), document.getString("header"), document.getBoolean("locked"),
                document.getBoolean("bot"), document.getBoolean("discoverable"), createdAt.toInstant(),
                document.getString("note"),
                document.getList("fields", Document.class, List.of()).stream()
                        .map(field -> new ProfileField(field.getString("name"), field.getString("value"), null))
                        .toList());
    }
}
