package org.socialfeed.ranking;

/**
 * What a reader did that says they care about an author, and how much each says: replying takes more than
 * mentioning or reposting, which take more than a like. {@code code} names it in stored signals.
 */
public enum Interaction {
    LIKE("l", 1),
    REPOST("r", 2),
    MENTION("m", 2),
    REPLY("p", 3);

    private final String code;
    private final double weight;

    Interaction(String code, double weight) {
        this.code = code;
        this.weight = weight;
    }

    public String code() {
        return code;
    }

    public double weight() {
        return weight;
    }

    public static Interaction ofCode(String code) {
        for (Interaction interaction : values()) {
            if (interaction.code.equals(code)) {
                return interaction;
            }
        }
        throw new IllegalArgumentException("No interaction with code " + code);
    }
}
