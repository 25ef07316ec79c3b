package org.socialfeed.user;

import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.testing.MongoCommands;

/** Makes the recorder a bean, so the MongoDB client reports user-service's commands to it. */
@ApplicationScoped
public class RecordedMongoCommands extends MongoCommands {
}
