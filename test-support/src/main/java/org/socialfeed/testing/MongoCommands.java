package org.socialfeed.testing;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The MongoDB commands a service sends while a test records them: the command, its collection and the filter of
 * each statement. A service's tests declare an {@code @ApplicationScoped} subclass (the Quarkus client takes every
 * {@link CommandListener} bean); {@link UniqueKeyLookups} judges what was recorded.
 */
public class MongoCommands implements CommandListener {

    /** Commands a service sends about its connection or its indexes, not about data. */
    private static final Set<String> HOUSEKEEPING = Set.of("hello", "isMaster", "ismaster", "ping", "buildInfo",
            "endSessions", "listIndexes", "createIndexes", "killCursors");

    /** One statement of a command; {@code filter} is null for an insert. */
    public record Statement(String command, String collection, BsonDocument filter) {
        @Override
        public String toString() {
            return command + " " + collection + (filter == null ? "" : " " + filter.toJson());
        }
    }

    private volatile List<Statement> recording;

    public void start() {
        recording = new ArrayList<>();
    }

    /** What was recorded so far, recording on. */
    public List<Statement> recorded() {
        List<Statement> recorded = recording;
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    public List<Statement> stop() {
        List<Statement> recorded = recording;
        recording = null;
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        List<Statement> recorded = recording;
        String name = event.getCommandName();
        if (recorded == null || HOUSEKEEPING.contains(name)) {
            return;
        }
        BsonDocument command = event.getCommand();
        String collection = command.get(name) != null && command.get(name).isString()
                ? command.getString(name).getValue() : "";
        List<Statement> statements = new ArrayList<>();
        switch (name) {
            case "insert" -> statements.add(new Statement(name, collection, null));
            case "find", "count", "distinct" -> statements.add(new Statement(name, collection, filter(command, "filter", "query")));
            case "findAndModify" -> statements.add(new Statement(name, collection, filter(command, "query")));
            case "update", "delete" -> {
                BsonArray each = command.getArray(name + "s", new BsonArray());
                each.forEach(statement -> statements.add(new Statement(name, collection,
                        filter(statement.asDocument(), "q"))));
            }
            // anything else (aggregate, getMore...) is recorded without a filter it could be judged by
            default -> statements.add(new Statement(name, collection, new BsonDocument("$unknown", command.clone())));
        }
        synchronized (recorded) {
            recorded.addAll(statements);
        }
    }

    private static BsonDocument filter(BsonDocument command, String... fields) {
        for (String field : fields) {
            BsonValue value = command.get(field);
            if (value != null && value.isDocument()) {
                return value.asDocument().clone();
            }
        }
        return new BsonDocument();
    }
}
