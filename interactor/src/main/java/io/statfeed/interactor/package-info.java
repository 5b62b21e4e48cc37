/**
 * The use cases of Statfeed, one class each, named for what the user does. They take plain
 * values, return immutable records and signal failures with the domain exceptions of this package
 * (and {@link io.statfeed.core.model.InvalidInputException}); nothing here knows HTTP, HTML or JSON.
 */
package io.statfeed.interactor;
