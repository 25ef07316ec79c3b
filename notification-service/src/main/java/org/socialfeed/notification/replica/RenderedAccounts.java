package org.socialfeed.notification.replica;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.socialfeed.redis.RedisConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.events.AccountRef;
import org.socialfeed.support.mastodon.AccountView;
import org.socialfeed.support.mastodon.StatusRendering;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Redis side of the account replica, for the fast read of notifications (ADR 18): {@code notif:account:{<id>}}
 * holds the account's Account JSON as the replica knows it, rendered when the profile changes, or {@link #SUSPENDED}
 * while the account is suspended (its notifications are hidden). A read that finds no entry falls back to MongoDB
 * and warms it.
 */
@ApplicationScoped
public class RenderedAccounts {

    public static final String SUSPENDED = "-";

    private final RedisClusterCommands<String, String> redis;
    private final ReadModelWrites writes;
    private final AccountReplica accounts;
    private final StatusRendering rendering;
    private final ObjectMapper json;

    public RenderedAccounts(RedisConnection redis, ReadModelWrites writes,
                            AccountReplica accounts, StatusRendering rendering, ObjectMapper json) {
        this.redis = redis.sync();
        this.writes = writes;
        this.accounts = accounts;
        this.rendering = rendering;
        this.json = json;
    }

    public static String key(String accountId) {
        return "notif:account:{" + accountId + "}";
    }

    /** After a profile change, a suspension or a reinstatement: the entry as the replica knows the account now. */
    public void refresh(String accountId) {
        refreshAll(List.of(accountId));
    }

    /** {@link #refresh} of many accounts: one read of the replica, one write per kind of change. */
    public void refreshAll(Collection<String> accountIds) {
        if (accountIds.isEmpty()) {
            return;
        }
        Map<String, AccountReplica.Known> known = accounts.known(accountIds);
        Map<String, String> entries = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String id : accountIds) {
            AccountReplica.Known account = known.get(id);
            if (account != null && account.suspended()) {
                entries.put(key(id), SUSPENDED);
            } else if (account != null && account.ref() != null) {
                entries.put(key(id), write(rendering.account(account.ref())));
            } else {
                unknown.add(key(id)); // nothing known beyond what each notification names: a read warms it
            }
        }
        writes.apply(() -> {
            if (!entries.isEmpty()) {
                redis.mset(entries); // on a cluster, split by slot
            }
            if (!unknown.isEmpty()) {
                redis.del(unknown.toArray(String[]::new));
            }
        }, accountIds.stream().map(RenderedAccounts::key).toArray(String[]::new));
    }

    /** Entries a read missed, as the read from MongoDB rendered them; an entry written meanwhile stays. */
    public void warm(Map<String, AccountView> rendered) {
        rendered.forEach((id, view) -> redis.setnx(key(id), write(view)));
    }

    private String write(AccountView view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Account " + view.id() + " cannot be written as JSON", e);
        }
    }
}
