package org.socialfeed.post.account;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.socialfeed.events.UserRegistered;
import org.socialfeed.events.UserSuspended;
import org.socialfeed.events.UserUpdated;
import org.socialfeed.support.events.EventCodec;

/** Keeps {@link AccountReplica} up to date from users.events. Unknown event types are skipped. */
@ApplicationScoped
public class UserEventsConsumer {

    public static final String CHANNEL = "users";

    private final AccountReplica accounts;
    private final EventCodec codec;

    public UserEventsConsumer(AccountReplica accounts, ObjectMapper json) {
        this.accounts = accounts;
        this.codec = new EventCodec(json);
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        String type = EventCodec.type(record);
        if (UserRegistered.TYPE.equals(type)) {
            UserRegistered registered = codec.decode(record, UserRegistered.class);
            accounts.upsertProfile(registered.account(), registered.locked());
        } else if (UserUpdated.TYPE.equals(type)) {
            UserUpdated updated = codec.decode(record, UserUpdated.class);
            accounts.upsertProfile(updated.account(), updated.locked());
        } else if (UserSuspended.TYPE.equals(type)) {
            UserSuspended suspended = codec.decode(record, UserSuspended.class);
            accounts.setSuspended(Long.parseLong(suspended.userId()), suspended.suspended());
        }
    }
}
