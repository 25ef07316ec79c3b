package org.socialfeed.benchmark.report;

import org.socialfeed.benchmark.growth.HotQueryTimes;
import org.socialfeed.benchmark.growth.StoreGrowth;

import java.util.List;

/**
 * Posting and delivery measured again after the store grew to {@code posts} posts and {@code accounts} accounts
 * ({@code growths}, in {@code seconds}), beside the store's time for each hot query shape before and after.
 */
public record StoreGrowthResult(long posts, int accounts, List<StoreGrowth.Growth> growths, double seconds,
                                List<HotQueryTimes.QueryTime> before, List<HotQueryTimes.QueryTime> after,
                                PostingResult posting, DeliveryResult delivery) {
}
