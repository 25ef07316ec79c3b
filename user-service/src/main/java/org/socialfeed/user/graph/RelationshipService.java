package org.socialfeed.user.graph;

import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.socialfeed.user.account.AccountRepository;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "Does A follow B", and everything else Mastodon's Relationship tells: three reads by primary key (follows, blocks,
 * mutes) for any number of accounts, never a scan.
 */
@ApplicationScoped
public class RelationshipService {

    private final AccountRepository accounts;
    private final FollowRepository follows;
    private final BlockMuteStores blockMute;

    public RelationshipService(AccountRepository accounts, FollowRepository follows, BlockMuteStores blockMute) {
        this.accounts = accounts;
        this.follows = follows;
        this.blockMute = blockMute;
    }

    public RelationshipView relationship(long callerId, long targetId) {
        return relationships(callerId, List.of(targetId)).get(0);
    }

    /** The caller's relationship to each account, in the order asked; unknown and suspended ids are left out. */
    public List<RelationshipView> relationships(long callerId, List<Long> targetIds) {
        Set<Long> targets = new LinkedHashSet<>(targetIds);
        List<String> followKeys = new ArrayList<>();
        List<String> blockKeys = new ArrayList<>();
        List<String> muteKeys = new ArrayList<>();
        for (long target : targets) {
            followKeys.add(FollowRepository.key(callerId, target));
            followKeys.add(FollowRepository.key(target, callerId));
            blockKeys.add(blockMute.blocks().key(callerId, target));
            blockKeys.add(blockMute.blocks().key(target, callerId));
            muteKeys.add(blockMute.mutes().key(callerId, target));
        }
        Map<String, Follow> pairs = follows.findAll(followKeys);
        Map<String, Document> blocks = blockMute.blocks().active(blockKeys);
        Map<String, Document> mutes = blockMute.mutes().active(muteKeys);
        Set<Long> visible = new LinkedHashSet<>();
        accounts.findByIds(targets).forEach(account -> {
            if (!account.suspended()) {
                visible.add(account.id());
            }
        });
        List<RelationshipView> views = new ArrayList<>();
        for (long target : targets) {
            if (!visible.contains(target)) {
                continue;
            }
            Follow outgoing = pairs.get(FollowRepository.key(callerId, target));
            Follow incoming = pairs.get(FollowRepository.key(target, callerId));
            Document mute = mutes.get(blockMute.mutes().key(callerId, target));
            boolean following = outgoing != null && outgoing.accepted();
            views.add(new RelationshipView(Long.toString(target), following,
                    following && outgoing.reblogs(), following && outgoing.notifying(),
                    incoming != null && incoming.accepted(),
                    blocks.containsKey(blockMute.blocks().key(callerId, target)),
                    blocks.containsKey(blockMute.blocks().key(target, callerId)),
                    mute != null, mute != null && mute.getBoolean("notifications", true),
                    outgoing != null && outgoing.requested(), incoming != null && incoming.requested(),
                    false, false, ""));
        }
        return views;
    }
}
