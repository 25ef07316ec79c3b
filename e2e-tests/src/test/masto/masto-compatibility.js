// Drives a running socialfeed stack through the npm Mastodon client `masto`, used unchanged: it is given nothing but
// the base URL and the tokens it obtains itself. Each call is reported on stdout as one JSON line,
// {"call", "ok", "ms", "error"?}; MastoClientIT runs this and asserts every call passed.
//
// Usage: node --experimental-websocket masto-compatibility.js <base URL>
import assert from "node:assert/strict";
import {
  MastoHttpError,
  createOAuthAPIClient,
  createRestAPIClient,
  createStreamingAPIClient,
} from "masto";

// masto 8 targets Node 22; on Node 20 its WebSocket client needs this (and the flag above for a global WebSocket).
Promise.withResolvers ??= function withResolvers() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

const baseUrl = process.argv[2];
if (!baseUrl) {
  console.error("usage: node --experimental-websocket masto-compatibility.js <base URL>");
  process.exit(2);
}

// Timelines, notifications and conversations are filled from Kafka events, a moment after the write.
const PROPAGATION_MS = 15_000;
const PASSWORD = "a long enough password";
const runId = Math.random().toString(36).slice(2, 8);

let failures = 0;

/** Runs one call, reports it as a JSON line, and returns its value (undefined when it failed). */
async function call(name, action) {
  const started = Date.now();
  try {
    const value = await action();
    console.log(JSON.stringify({ call: name, ok: true, ms: Date.now() - started }));
    return value;
  } catch (error) {
    failures++;
    console.log(JSON.stringify({ call: name, ok: false, ms: Date.now() - started, error: describe(error) }));
    return undefined;
  }
}

function describe(error) {
  if (error instanceof MastoHttpError) {
    return { type: "MastoHttpError", status: error.statusCode, message: error.message, description: error.description };
  }
  return { type: error?.constructor?.name ?? typeof error, message: String(error?.message ?? error) };
}

/** A value an earlier call was to produce; without it the calls that need it fail saying which one is missing. */
function needed(value, what) {
  if (value === undefined) {
    throw new Error(`not run: ${what} failed`);
  }
  return value;
}

/** Retries an assertion until it holds or the propagation time is over; other errors end it at once. */
async function eventually(assertion) {
  const deadline = Date.now() + PROPAGATION_MS;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (!(error instanceof assert.AssertionError) || Date.now() > deadline) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** The first `count` pages of a masto paginator, each fetched by following the server's Link header. */
async function firstPages(paginator, count) {
  const pages = [];
  for await (const page of paginator) {
    pages.push(page);
    if (pages.length === count || page.length === 0) {
      break;
    }
  }
  return pages;
}

function assertNewestFirstAcrossPages(pages, count) {
  assert.equal(pages.length, count, `${count} pages`);
  const ids = pages.flat().map((item) => BigInt(item.id));
  assert.ok(pages.every((page) => page.length > 0), "no empty page");
  assert.ok(ids.every((id, i) => i === 0 || id < ids[i - 1]), `ids strictly descending across pages: ${ids}`);
}

function ids(items) {
  return items.map((item) => item.id);
}

const anonymous = createRestAPIClient({ url: baseUrl });
const oauth = createOAuthAPIClient({ url: baseUrl });

/** Registers, logs in with the password grant and reads back the account, each step a reported call. */
async function signUp(name) {
  const username = `${name}_${runId}`;
  await call(`v1.accounts.create (${name})`, async () => {
    const token = await anonymous.v1.accounts.create({
      username, email: `${username}@example.org`, password: PASSWORD, agreement: true, locale: "en",
    });
    assert.ok(token.accessToken, "registration answers with a token");
  });
  const token = await call(`oauth.token.create, password grant (${name})`, async () => {
    const created = await oauth.token.create({ grantType: "password", username, password: PASSWORD, scope: "read write follow push" });
    assert.equal(created.tokenType.toLowerCase(), "bearer");
    return created.accessToken;
  });
  const rest = createRestAPIClient({ url: baseUrl, accessToken: token });
  const id = await call(`v1.accounts.verifyCredentials (${name})`, async () => {
    const me = await rest.v1.accounts.verifyCredentials();
    assert.equal(me.username, username);
    return me.id;
  });
  return { name, username, token, rest, id };
}

const alice = await signUp("alice");
const bob = await signUp("bob");
const carol = await signUp("carol");
const dave = await signUp("dave");

// --- profile ----------------------------------------------------------------------------------------------------
const profile = {
  displayName: "Alice via masto",
  note: "Testing the masto client",
  locked: false,
  bot: true,
  discoverable: true,
  fieldsAttributes: [{ name: "Pronouns", value: "she/her" }, { name: "Site", value: "example.org" }],
};
const updated = await call("v1.accounts.updateCredentials (multipart)", async () => {
  const account = await alice.rest.v1.accounts.updateCredentials(profile);
  assert.equal(account.displayName, profile.displayName);
  assert.ok(account.note.includes(profile.note), `note: ${account.note}`);
  assert.equal(account.locked, false);
  return account;
});
await call("v1.accounts.updateCredentials: fields_attributes, bot, discoverable", async () => {
  const account = needed(updated, "updateCredentials");
  assert.deepEqual(account.fields.map(({ name, value }) => ({ name, value })), profile.fieldsAttributes);
  assert.equal(account.bot, true);
  assert.equal(account.discoverable, true);
});
await call("v1.accounts.$select(id).fetch", async () => {
  const account = await bob.rest.v1.accounts.$select(needed(alice.id, "alice's sign-up")).fetch();
  assert.equal(account.id, alice.id);
  assert.equal(account.username, alice.username);
  assert.equal(account.displayName, profile.displayName);
});

// --- follows, relationships, follow requests ----------------------------------------------------------------------
await call("v1.accounts.$select(id).follow", async () => {
  const relationship = await bob.rest.v1.accounts.$select(needed(alice.id, "alice's sign-up")).follow();
  assert.equal(relationship.id, alice.id);
  assert.equal(relationship.following, true);
});
await call("v1.accounts.relationships.fetch", async () => {
  const relationships = await bob.rest.v1.accounts.relationships.fetch({ id: [alice.id, carol.id] });
  assert.deepEqual(ids(relationships), [alice.id, carol.id]);
  assert.equal(relationships[0].following, true);
  assert.equal(relationships[1].following, false);
});
await call("v1.accounts.$select(id).unfollow", async () => {
  const relationship = await bob.rest.v1.accounts.$select(alice.id).unfollow();
  assert.equal(relationship.following, false);
});
await call("v1.accounts.$select(id).follow (again, for the home timeline)", async () => {
  assert.equal((await bob.rest.v1.accounts.$select(alice.id).follow()).following, true);
});

await call("v1.accounts.updateCredentials ({locked: true})", async () => {
  assert.equal((await carol.rest.v1.accounts.updateCredentials({ locked: true })).locked, true);
});
await call("v1.accounts.$select(id).follow (a locked account: requested)", async () => {
  const relationship = await alice.rest.v1.accounts.$select(needed(carol.id, "carol's sign-up")).follow();
  assert.equal(relationship.requested, true);
  assert.equal(relationship.following, false);
  await dave.rest.v1.accounts.$select(carol.id).follow();
});
await call("v1.followRequests.list", async () => {
  const requesters = await carol.rest.v1.followRequests.list();
  assert.deepEqual(new Set(ids(requesters)), new Set([alice.id, dave.id]));
});
await call("v1.followRequests.$select(id).authorize", async () => {
  const relationship = await carol.rest.v1.followRequests.$select(alice.id).authorize();
  assert.equal(relationship.id, alice.id);
  assert.equal(relationship.followedBy, true);
});
await call("v1.followRequests.$select(id).reject", async () => {
  const relationship = await carol.rest.v1.followRequests.$select(dave.id).reject();
  assert.equal(relationship.id, dave.id);
  assert.equal(relationship.followedBy, false);
  assert.deepEqual(await carol.rest.v1.followRequests.list(), []);
});

// --- blocks and mutes ---------------------------------------------------------------------------------------------
await call("v1.accounts.$select(id).block", async () => {
  assert.equal((await alice.rest.v1.accounts.$select(needed(dave.id, "dave's sign-up")).block()).blocking, true);
});
await call("v1.blocks.list", async () => {
  assert.deepEqual(ids(await alice.rest.v1.blocks.list()), [dave.id]);
});
await call("v1.accounts.$select(id).unblock", async () => {
  assert.equal((await alice.rest.v1.accounts.$select(dave.id).unblock()).blocking, false);
  assert.deepEqual(await alice.rest.v1.blocks.list(), []);
});
await call("v1.accounts.$select(id).mute", async () => {
  const relationship = await alice.rest.v1.accounts.$select(dave.id).mute({ notifications: true, duration: 0 });
  assert.equal(relationship.muting, true);
  assert.equal(relationship.mutingNotifications, true);
});
await call("v1.mutes.list", async () => {
  assert.deepEqual(ids(await alice.rest.v1.mutes.list()), [dave.id]);
});
await call("v1.accounts.$select(id).unmute", async () => {
  assert.equal((await alice.rest.v1.accounts.$select(dave.id).unmute()).muting, false);
  assert.deepEqual(await alice.rest.v1.mutes.list(), []);
});

// --- statuses -----------------------------------------------------------------------------------------------------
/** Alice posts with `visibility`; the Status must echo it and each of `attributes` (masto's camelCase names). */
async function post(visibility, attributes = {}, text = `A ${visibility} post via masto`) {
  return call(`v1.statuses.create (${visibility})`, async () => {
    const status = await alice.rest.v1.statuses.create({ status: text, visibility, ...attributes });
    assert.equal(status.visibility, visibility);
    assert.equal(status.account.id, alice.id);
    for (const [key, value] of Object.entries(attributes)) {
      assert.deepEqual(status[key], value, key);
    }
    return status;
  });
}
const publicPost = await post("public", { spoilerText: "masto test", sensitive: true, language: "en" });
await post("unlisted");
await post("private");
const directPost = await post("direct", {}, `@${bob.username} only for you`);

const postId = publicPost?.id;
await call("v1.statuses.$select(id).fetch", async () => {
  const status = await bob.rest.v1.statuses.$select(needed(postId, "the public post")).fetch();
  assert.equal(status.id, postId);
  assert.ok(status.content.includes("A public post via masto"), status.content);
});
await call("v1.statuses.$select(id).source.fetch", async () => {
  const source = await alice.rest.v1.statuses.$select(needed(postId, "the public post")).source.fetch();
  assert.equal(source.id, postId);
  assert.equal(source.text, "A public post via masto");
  assert.equal(source.spoilerText, "masto test");
});
await call("v1.statuses.$select(id).update", async () => {
  const status = await alice.rest.v1.statuses.$select(needed(postId, "the public post"))
    .update({ status: "An edited post via masto", spoilerText: "masto test", sensitive: true, language: "en" });
  assert.ok(status.content.includes("An edited post via masto"), status.content);
  assert.ok(status.editedAt, "edited_at is set");
});
await call("v1.statuses.$select(id).history.list", async () => {
  const edits = await alice.rest.v1.statuses.$select(needed(postId, "the public post")).history.list();
  assert.equal(edits.length, 2);
  assert.ok(edits.some((edit) => edit.content.includes("A public post via masto")), "the original is in the history");
});
const reply = await call("v1.statuses.create (a reply, in_reply_to_id)", async () => {
  const status = await bob.rest.v1.statuses.create({ status: `@${alice.username} nice post`, inReplyToId: needed(postId, "the public post") });
  assert.equal(status.inReplyToId, postId);
  return status;
});
await call("v1.statuses.$select(id).context.fetch", async () => {
  const context = await alice.rest.v1.statuses.$select(needed(postId, "the public post")).context.fetch();
  assert.deepEqual(context.ancestors, []);
  assert.deepEqual(ids(context.descendants), [needed(reply, "the reply").id]);
});
await call("v1.statuses.$select(id).favourite", async () => {
  const status = await bob.rest.v1.statuses.$select(needed(postId, "the public post")).favourite();
  assert.equal(status.favourited, true);
});
await call("v1.statuses.$select(id).favouritedBy.list", async () => {
  assert.deepEqual(ids(await alice.rest.v1.statuses.$select(needed(postId, "the public post")).favouritedBy.list()), [bob.id]);
});
await call("v1.statuses.$select(id).reblog", async () => {
  const reblog = await bob.rest.v1.statuses.$select(needed(postId, "the public post")).reblog();
  assert.equal(reblog.reblog?.id, postId);
  assert.equal(reblog.reblog.reblogged, true);
});
await call("v1.statuses.$select(id).rebloggedBy.list", async () => {
  assert.deepEqual(ids(await alice.rest.v1.statuses.$select(needed(postId, "the public post")).rebloggedBy.list()), [bob.id]);
});
await call("v1.statuses.$select(id).remove", async () => {
  const doomed = await alice.rest.v1.statuses.create({ status: "Soon gone" });
  const deleted = await alice.rest.v1.statuses.$select(doomed.id).remove();
  assert.equal(deleted.id, doomed.id);
  assert.equal(deleted.text, "Soon gone", "the deleted status comes back with its source text, for redrafting");
});

// --- timelines ----------------------------------------------------------------------------------------------------
await call("v1.timelines.home.list (masto's paginator, 2 pages of 2)", async () => {
  // public, unlisted, private and direct posts of Alice, whom Bob follows, plus Bob's reply and reblog
  await eventually(async () => assert.ok((await bob.rest.v1.timelines.home.list({ limit: 40 })).length >= 4));
  assertNewestFirstAcrossPages(await firstPages(bob.rest.v1.timelines.home.list({ limit: 2 }), 2), 2);
});
await call("v1.accounts.$select(id).statuses.list (masto's paginator, 2 pages of 2)", async () => {
  const pages = await firstPages(bob.rest.v1.accounts.$select(needed(alice.id, "alice's sign-up")).statuses.list({ limit: 2 }), 2);
  assertNewestFirstAcrossPages(pages, 2);
  assert.ok(pages.flat().every((status) => status.account.id === alice.id));
});

// --- notifications and markers ------------------------------------------------------------------------------------
const notifications = await call("v1.notifications.list", async () => {
  return eventually(async () => {
    const list = await alice.rest.v1.notifications.list({ limit: 30 });
    const types = new Set(list.map((notification) => notification.type));
    for (const type of ["follow", "favourite", "reblog", "mention"]) {
      assert.ok(types.has(type), `a ${type} notification among ${[...types]}`);
    }
    return list;
  });
});
await call("v1.notifications.$select(id).fetch", async () => {
  const first = needed(notifications, "v1.notifications.list")[0];
  const notification = await alice.rest.v1.notifications.$select(first.id).fetch();
  assert.equal(notification.id, first.id);
  assert.equal(notification.type, first.type);
});
await call("v1.notifications.unreadCount.fetch", async () => {
  const { count } = await alice.rest.v1.notifications.unreadCount.fetch();
  assert.ok(count >= 4, `count ${count}`);
});
await call("v2.notifications.list (grouped)", async () => {
  const grouped = await alice.rest.v2.notifications.list();
  assert.ok(grouped.notificationGroups.length > 0, "notification groups");
  assert.ok(grouped.accounts.some((account) => account.id === bob.id), "Bob among the accounts");
});
await call("v2.notifications.unreadCount.fetch", async () => {
  const { count } = await alice.rest.v2.notifications.unreadCount.fetch();
  assert.ok(count >= 1, `count ${count}`);
});
await call("v1.markers.create (home and notifications)", async () => {
  const newest = needed(notifications, "v1.notifications.list")[0].id;
  const markers = await alice.rest.v1.markers.create({ home: { lastReadId: postId }, notifications: { lastReadId: newest } });
  assert.equal(markers.home.lastReadId, postId);
  assert.equal(markers.notifications.lastReadId, newest);
});
await call("v1.markers.fetch", async () => {
  const markers = await alice.rest.v1.markers.fetch({ timeline: ["home", "notifications"] });
  assert.equal(markers.home.lastReadId, postId);
  assert.equal(markers.notifications.lastReadId, needed(notifications, "v1.notifications.list")[0].id);
});
await call("v1.notifications.$select(id).dismiss", async () => {
  const dismissed = needed(notifications, "v1.notifications.list")[0].id;
  await alice.rest.v1.notifications.$select(dismissed).dismiss();
  assert.ok(!ids(await alice.rest.v1.notifications.list({ limit: 30 })).includes(dismissed));
});
await call("v1.notifications.clear", async () => {
  await alice.rest.v1.notifications.clear();
  assert.deepEqual(await alice.rest.v1.notifications.list(), []);
});

// --- instance -----------------------------------------------------------------------------------------------------
await call("v1.instance.fetch", async () => {
  const instance = await anonymous.v1.instance.fetch();
  assert.ok(instance.uri && instance.title && instance.version, "uri, title and version");
});
const instance = await call("v2.instance.fetch", async () => {
  const description = await anonymous.v2.instance.fetch();
  assert.ok(description.domain && description.title && description.version, "domain, title and version");
  assert.ok(description.configuration.urls.streaming, "configuration.urls.streaming");
  return description;
});

// --- direct messages ----------------------------------------------------------------------------------------------
const conversation = await call("v1.conversations.list", async () => {
  await bob.rest.v1.conversations.list(); // the endpoint itself, even without a direct post to look for
  const directId = needed(directPost, "the direct post").id;
  return eventually(async () => {
    const found = (await bob.rest.v1.conversations.list()).find((c) => c.lastStatus?.id === directId);
    assert.ok(found, "a conversation whose last status is Alice's direct post");
    assert.ok(found.accounts.some((account) => account.id === alice.id), "Alice is in it");
    return found;
  });
});
await call("v1.conversations.$select(id).read", async () => {
  const read = await bob.rest.v1.conversations.$select(needed(conversation, "v1.conversations.list").id).read();
  assert.equal(read.unread, false);
});
await call("v1.conversations.$select(id).remove", async () => {
  await bob.rest.v1.conversations.$select(needed(conversation, "v1.conversations.list").id).remove();
  assert.ok(!ids(await bob.rest.v1.conversations.list()).includes(conversation.id));
});

// --- streaming ----------------------------------------------------------------------------------------------------
/** Bob's user stream over masto's WebSocket client, collecting events from the moment it is subscribed. */
async function openUserStream() {
  const streaming = createStreamingAPIClient({
    streamingApiUrl: needed(instance, "v2.instance.fetch").configuration.urls.streaming,
    accessToken: bob.token,
    retry: 3,
  });
  const stream = { streaming, events: [], failure: undefined };
  (async () => {
    for await (const event of streaming.user.subscribe()) {
      stream.events.push(event);
    }
  })().catch((error) => {
    stream.failure = error;
  });
  try {
    await streaming.prepare(); // the socket is open; masto sends the subscribe message on it next
    await new Promise((resolve) => setTimeout(resolve, 500));
  } catch (error) {
    streaming.close();
    throw error;
  }
  return stream;
}

/** Waits for an event of the stream that `matches`; a stream that broke fails with its error. */
async function awaitStreamed(stream, what, matches) {
  await eventually(async () => {
    if (stream.failure) {
      throw stream.failure;
    }
    assert.ok(stream.events.some(matches), `${what} among ${stream.events.map((e) => e.event)}`);
  });
}

const stream = await call("createStreamingAPIClient + user.subscribe", openUserStream);
await call("streaming: update for a followed account's new post", async () => {
  const opened = needed(stream, "user.subscribe");
  const status = await alice.rest.v1.statuses.create({ status: "Live via masto", visibility: "public" });
  await awaitStreamed(opened, `an update for ${status.id}`, (e) => e.event === "update" && e.payload.id === status.id);
});
await call("streaming: notification for a new follower", async () => {
  const opened = needed(stream, "user.subscribe");
  await dave.rest.v1.accounts.$select(bob.id).follow();
  await awaitStreamed(opened, "a follow notification from Dave",
    (e) => e.event === "notification" && e.payload.type === "follow" && e.payload.account.id === dave.id);
});
stream?.streaming.close();

// --- errors -------------------------------------------------------------------------------------------------------
await call("MastoHttpError 404 for a missing status", async () => {
  const missing = "1";
  const served = await (await fetch(`${baseUrl}/api/v1/statuses/${missing}`, { headers: { Authorization: `Bearer ${alice.token}` } })).json();
  await assert.rejects(alice.rest.v1.statuses.$select(missing).fetch(), (error) => {
    assert.ok(error instanceof MastoHttpError, `a MastoHttpError, got ${error}`);
    assert.equal(error.statusCode, 404);
    assert.equal(error.message, served.error);
    return true;
  });
});
await call("MastoHttpError 422 for an empty status", async () => {
  await assert.rejects(alice.rest.v1.statuses.create({ status: "" }), (error) => {
    assert.ok(error instanceof MastoHttpError, `a MastoHttpError, got ${error}`);
    assert.equal(error.statusCode, 422);
    assert.match(error.message, /^Validation failed/);
    return true;
  });
});

// The WebSocket client may still be winding down; the report is complete.
process.exit(failures === 0 ? 0 : 1);
