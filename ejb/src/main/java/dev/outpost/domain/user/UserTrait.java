package dev.outpost.domain.user;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;

/** One value of a trait of a single sign-on user, e.g. {@code logins = ubuntu}. */
@Embeddable
public class UserTrait {

  @Column(name = "trait", nullable = false, length = 64)
  private String trait;

  @Column(name = "trait_value", nullable = false, length = 255)
  private String value;

  protected UserTrait() {}

  public UserTrait(String trait, String value) {
    this.trait = trait;
    this.value = value;
  }

  public String trait() {
    return trait;
  }

  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof UserTrait that && trait.equals(that.trait) && value.equals(that.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(trait, value);
  }
}
