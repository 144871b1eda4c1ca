/**
 * Imported first by every local entry point. This machine's Node 20 is older
 * than the SDK's recommended 22 (Lambda runs 24); the SDK's start-up warning
 * about it is noise for local use.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
