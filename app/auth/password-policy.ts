/** Length limits for passwords (ASVS 2.1.1–2.1.2): long passphrases allowed, no composition rules. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
