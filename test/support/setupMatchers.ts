// Registers aws-sdk-client-mock's vitest matchers (toHaveReceivedCommandWith, ...) for every suite.
import 'aws-sdk-client-mock-vitest/extend';
