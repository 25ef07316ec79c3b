package org.socialfeed.notification.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.All;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.socialfeed.events.PushNotification;
import org.socialfeed.events.Topics;
import org.socialfeed.notification.inbox.Notification;
import org.socialfeed.support.events.OutgoingEvent;
import org.socialfeed.support.outbox.OutboxOwner;
import org.socialfeed.support.outbox.OutboxPublisher;

import java.util.List;
import java.util.Set;

/**
 * Publishes notifications.push records from the outbox of each notification: the records are written with the
 * notification itself, one per registered device, so a stored notification is never left unpushed.
 */
@Singleton
public class PushOutbox extends OutboxPublisher {

    public static final String CHANNEL = "push";

    private final DeviceRepository devices;

    public PushOutbox(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
                      Emitter<String> emitter, ObjectMapper json, @All List<OutboxOwner> owners,
                      ManagedExecutor workers, DeviceRepository devices) {
        super(emitter, "notification-service", json, owners, workers);
        this.devices = devices;
    }

    /**
     * The push records for a notification about to be stored: one per device of the recipient.
     *
     * @param deviceIds the recipient's devices, as their settings list them
     */
    public List<OutgoingEvent> eventsFor(Notification notification, Set<Long> deviceIds) {
        if (deviceIds.isEmpty()) {
            return List.of();
        }
        PushMessages.Message message = PushMessages.of(notification);
        return devices.byIds(deviceIds).stream()
                .map(device -> event(Topics.NOTIFICATIONS_PUSH, notification.recipientId(), PushNotification.TYPE,
                        new PushNotification(notification.idString(), notification.recipientId(),
                                Long.toString(device.id()), device.platform(), device.token(),
                                notification.type().apiName(), notification.actor(), notification.statusId(),
                                message.title(), message.body(), notification.createdAt())))
                .toList();
    }

    /** The first sweep waits until the Kafka channel is up. */
    @Scheduled(every = "${social.outbox.sweep-interval}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        sweepAll();
    }
}
