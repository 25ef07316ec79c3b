package org.socialfeed.user.instance;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.socialfeed.support.mastodon.AccountView;
import org.socialfeed.user.account.AccountRepository;
import org.socialfeed.user.account.AccountService;
import org.socialfeed.user.account.AccountViews;
import org.socialfeed.user.config.UserServiceConfig;
import org.socialfeed.user.instance.InstanceViews.Accounts;
import org.socialfeed.user.instance.InstanceViews.Rule;
import org.socialfeed.user.instance.InstanceViews.Statuses;
import org.socialfeed.user.post.CountedPosts;

import java.util.List;
import java.util.stream.IntStream;

/** Builds Mastodon's Instance entities (v1, v2) and rules from the configuration and the stores. */
@ApplicationScoped
public class InstanceDescription {

    /** The Mastodon API version whose features clients may rely on (grouped notifications and unread counts). */
    private static final String MASTODON_API_VERSION = "4.3.0";
    /** Featured tags and pinned posts do not exist here. */
    private static final Accounts ACCOUNTS = new Accounts(0, 0);

    private final UserServiceConfig.Instance instance;
    private final Statuses statuses;
    private final String version;
    private final AccountService accountService;
    private final AccountRepository accounts;
    private final CountedPosts posts;
    private final AccountViews views;

    public InstanceDescription(UserServiceConfig.Instance instance, UserServiceConfig.PostLimits postLimits,
                               @ConfigProperty(name = "quarkus.application.version") String applicationVersion,
                               AccountService accountService, AccountRepository accounts, CountedPosts posts,
                               AccountViews views) {
        this.views = views;
        this.instance = instance;
        this.statuses = new Statuses(postLimits.maxCharacters(), postLimits.maxMediaAttachments());
        // Pleroma's form: clients read the Mastodon version before the parenthesis to decide what they may call
        this.version = MASTODON_API_VERSION + " (compatible; socialfeed " + applicationVersion + ")";
        this.accountService = accountService;
        this.accounts = accounts;
        this.posts = posts;
    }

    public InstanceViews.InstanceV2 v2() {
        return new InstanceViews.InstanceV2(instance.domain(), instance.title(), version, instance.description(),
                instance.languages(),
                new InstanceViews.ConfigurationV2(new InstanceViews.Urls(instance.streamingUrl()), ACCOUNTS, statuses,
                        new InstanceViews.Translation(false)),
                new InstanceViews.Registrations(true, false, null),
                new InstanceViews.Contact(contactEmail(), contactAccount()), rules());
    }

    public InstanceViews.InstanceV1 v1() {
        return new InstanceViews.InstanceV1(instance.domain(), instance.title(), instance.description(),
                instance.description(), contactEmail(), version, new InstanceViews.UrlsV1(instance.streamingUrl()),
                new InstanceViews.Stats(accounts.estimatedCount(), posts.estimatedCount(), 0),
                instance.languages(), true, false, false, new InstanceViews.ConfigurationV1(ACCOUNTS, statuses),
                contactAccount(), rules());
    }

    /** The configured rules, each with its position from 1 as its id. */
    public List<Rule> rules() {
        List<UserServiceConfig.Instance.Rule> configured = instance.rules().orElse(List.of());
        return IntStream.range(0, configured.size()).mapToObj(i -> new Rule(Integer.toString(i + 1),
                configured.get(i).text(), configured.get(i).hint().orElse(""))).toList();
    }

    private String contactEmail() {
        return instance.contactEmail().orElse("");
    }

    private AccountView contactAccount() {
        return instance.contactUsername().flatMap(accountService::findByUsername).map(views::of).orElse(null);
    }
}
