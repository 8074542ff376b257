/** What every provider's contract tests share: the Prism mocks' URLs, Prism's sl-violations, the specs' examples. */
package dev.finoauth.testkit;
