package org.socialfeed.stack;

/** One more instance of a service started beside the stack's own ({@link SocialfeedStack#startAnotherInstance}). */
public record ServiceInstance(ManagedProcess process, String url) {
}
