package org.socialfeed.support.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.BadRequestException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns form parameters named the Rails way (as Mastodon documents them) into the JSON tree a JSON body with the same
 * content would be: {@code key=v} is a field, {@code key[]=a&key[]=b} an array, {@code key[sub]=v} an object, and an
 * object whose keys are all indexes ({@code fields_attributes[0][name]=x}) an array in index order. Values stay
 * strings; the form reader's mapper coerces them to the record's booleans and numbers. A repeated scalar keeps the
 * last value, as in Rails. Names that cannot be read (unbalanced brackets, a name that is both a value and an object,
 * nesting deeper than {@value #MAX_DEPTH}) are the client's error: 400.
 */
public final class FormTree {

    static final int MAX_DEPTH = 16;

    private static final Pattern INDEX = Pattern.compile("[0-9]{1,9}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FormTree() {
    }

    /** The tree of the given parameters, in the order they were sent. */
    public static ObjectNode of(List<Map.Entry<String, String>> parameters) {
        ObjectNode root = NODES.objectNode();
        for (Map.Entry<String, String> parameter : parameters) {
            put(root, path(parameter.getKey()), parameter.getValue());
        }
        return (ObjectNode) indexedObjectsAsArrays(root);
    }

    private static List<String> path(String name) {
        int open = name.indexOf('[');
        String base = open < 0 ? name : name.substring(0, open);
        if (base.isEmpty() || base.indexOf(']') >= 0) {
            throw malformed(name);
        }
        List<String> path = new ArrayList<>();
        path.add(base);
        for (int at = open; at >= 0 && at < name.length(); ) {
            int close = name.indexOf(']', at);
            if (name.charAt(at) != '[' || close < 0 || name.substring(at + 1, close).indexOf('[') >= 0) {
                throw malformed(name);
            }
            path.add(name.substring(at + 1, close));
            at = close + 1;
        }
        if (path.size() > MAX_DEPTH || path.subList(1, Math.max(1, path.size() - 1)).contains("")) { // [] only at the end
            throw malformed(name);
        }
        return path;
    }

    private static void put(ObjectNode root, List<String> path, String value) {
        ObjectNode parent = root;
        for (int i = 0; i < path.size() - 1; i++) {
            String key = path.get(i);
            JsonNode child = parent.get(key);
            boolean arrayNext = i == path.size() - 2 && path.get(i + 1).isEmpty();
            if (child == null) {
                child = arrayNext ? parent.putArray(key) : parent.putObject(key);
            }
            if (arrayNext) {
                if (!child.isArray()) {
                    throw malformed(String.join("][", path));
                }
                ((ArrayNode) child).add(value);
                return;
            }
            if (!child.isObject()) {
                throw malformed(String.join("][", path));
            }
            parent = (ObjectNode) child;
        }
        String last = path.get(path.size() - 1);
        JsonNode existing = parent.get(last);
        if (existing != null && existing.isContainerNode()) {
            throw malformed(String.join("][", path));
        }
        parent.put(last, value);
    }

    private static JsonNode indexedObjectsAsArrays(JsonNode node) {
        if (node.isArray()) {
            return node;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode object = (ObjectNode) node;
        boolean indexes = !object.isEmpty();
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            field.setValue(indexedObjectsAsArrays(field.getValue()));
            indexes &= INDEX.matcher(field.getKey()).matches();
        }
        if (!indexes) {
            return object;
        }
        ArrayNode array = NODES.arrayNode();
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        keys.sort(Comparator.comparingInt(Integer::parseInt));
        keys.forEach(key -> array.add(object.get(key)));
        return array;
    }

    private static BadRequestException malformed(String name) {
        return new BadRequestException("Malformed form parameter name '" + name + "'");
    }
}
