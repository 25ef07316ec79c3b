package org.socialfeed.post.rest;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.socialfeed.events.AccountRef;
import org.socialfeed.post.account.AccountReplica;
import org.socialfeed.post.account.KnownAccount;
import org.socialfeed.post.conversation.Conversation;
import org.socialfeed.post.conversation.Conversations;
import org.socialfeed.post.status.Audience;
import org.socialfeed.post.status.Caller;
import org.socialfeed.support.mastodon.AccountView;
import org.socialfeed.support.mastodon.StatusView;
import org.socialfeed.support.paging.PageRequest;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Mastodon's conversations API (direct messages), for the caller's own conversations only. */
@Path("/api/v1/conversations")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "conversations")
public class ConversationResource {

    private final Conversations conversations;
    private final AccountReplica accounts;
    private final StatusViews views;
    private final Audience audience;
    private final JsonWebToken token;

    public ConversationResource(Conversations conversations, AccountReplica accounts, StatusViews views,
                                Audience audience, JsonWebToken token) {
        this.conversations = conversations;
        this.accounts = accounts;
        this.views = views;
        this.audience = audience;
        this.token = token;
    }

    @GET
    @Operation(summary = "The caller's conversations", description = "Mastodon's GET /api/v1/conversations: one "
            + "conversation per thread and set of participants, holding the direct posts the caller wrote or is "
            + "mentioned in, ordered by their last post, newest first. Paged like Mastodon by the last post's id "
            + "(max_id, since_id, min_id, limit default 20, at most 40, Link headers). Differs: a conversation whose "
            + "last post the caller may no longer see (a block since, or an edit that dropped the mention) is left "
            + "out, and a mentioned account that blocks or is blocked by the author gets no conversation; an "
            + "account that muted the author, or whose notification policy filters the mention, still gets it.")
    public Response list(@QueryParam("max_id") String maxId, @QueryParam("since_id") String sinceId,
                         @QueryParam("min_id") String minId, @QueryParam("limit") String limit,
                         @Context UriInfo uri) {
        long caller = Caller.of(token).id();
        Conversations.Page page = conversations.page(caller, PageRequest.parse(maxId, sinceId, minId, limit));
        return Paged.of(views(caller, page.visible()),
                page.read().stream().map(conversation -> Long.toString(conversation.lastStatusId())).toList(), uri);
    }

    @POST
    @Path("/{id}/read")
    @Operation(summary = "Mark a conversation as read", description = "Mastodon's POST "
            + "/api/v1/conversations/:id/read; returns the Conversation. 404 for an id that is not one of the "
            + "caller's conversations.")
    public ConversationView read(@PathParam("id") String id) {
        long caller = Caller.of(token).id();
        return views(caller, List.of(conversations.markRead(caller, id))).get(0);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove a conversation", description = "Mastodon's DELETE /api/v1/conversations/:id: "
            + "removes it for the caller only (the posts and the other participants' conversations stay) and "
            + "returns {}. A later direct post in the thread starts it anew. 404 for an id that is not one of the "
            + "caller's conversations.")
    public Map<String, Object> remove(@PathParam("id") String id) {
        conversations.remove(Caller.of(token).id(), id);
        return Map.of();
    }

    /** The conversations of a page, their participants and last posts read in a fixed number of queries. */
    private List<ConversationView> views(long caller, List<Conversations.Shown> shown) {
        List<StatusView> lastStatuses = views.page(shown.stream().map(Conversations.Shown::lastStatus).toList(),
                audience.of(caller));
        Map<String, AccountView> people = people(shown.stream()
                .flatMap(each -> participants(caller, each.conversation()).stream()).collect(Collectors.toSet()));
        return IntStream.range(0, shown.size()).mapToObj(i -> {
            Conversation conversation = shown.get(i).conversation();
            List<AccountView> participants = participants(caller, conversation).stream()
                    .map(id -> people.get(id.toString())).filter(Objects::nonNull).toList();
            return new ConversationView(Long.toString(conversation.id()), conversation.unread(), participants,
                    lastStatuses.get(i));
        }).toList();
    }

    /** The other participants; with nobody else, the caller themself, as in Mastodon. */
    private static List<Long> participants(long caller, Conversation conversation) {
        return conversation.participantIds().isEmpty() ? List.of(caller) : conversation.participantIds();
    }

    private Map<String, AccountView> people(Collection<Long> ids) {
        List<AccountRef> known = accounts.findAll(ids).values().stream().map(KnownAccount::ref).toList();
        return views.people(known).stream().collect(Collectors.toMap(AccountView::id, Function.identity()));
    }
}
