/**
 * Citizens the registries know, for the journeys that need them: people of the simulators' one synthetic
 * population (src/simulators/population), the same in this process as in the simulators' since person #n
 * is a pure function of n. Each person is handed out once, so no two journeys race for one account and a
 * person refused during a fault is never registered later (the half-written-record check relies on it).
 */
import { normalizeMobileNumber } from '../src/domain/phone.ts';
import { type Person, person, personalMobileNumber } from '../src/simulators/population/people.ts';
import { recordOf } from '../src/simulators/social-insurance/records.ts';

/** A person whose social-insurance record holds their phone: registration by social insurance works. */
export interface InsuredPerson {
  socialInsuranceNumber: string;
  idNumber: string;
  fullName: string;
  birthDate: string;
  /** The phone on the record, where the code goes. */
  phoneNumber: string;
}

/**
 * A person whose SIM still carries the old CMND the population registry links to their CCCD: a mobile
 * registration with the CCCD passes only through the registry (SIM_ON_LINKED_OLD_CMND's case).
 */
export interface PersonOnOldCmnd {
  idNumber: string;
  oldIdNumber: string;
  fullName: string;
  birthDate: string;
  phoneNumber: string;
}

/**
 * Old-CMND people are kept to VinaPhone numbers: the carrier-down phase relies on every mobile journey's
 * SIM being VinaPhone's. Everybody else is left to social insurance, so the two kinds never share a person.
 */
function onOldCmndAtVinaPhone(someone: Person): PersonOnOldCmnd | undefined {
  if (!someone.oldIdNumber) return undefined;
  const phoneNumber = personalMobileNumber(someone.index);
  const phone = normalizeMobileNumber(phoneNumber);
  if (!phone.ok || phone.value.allocatedCarrier !== 'vinaphone') return undefined;
  const { idNumber, oldIdNumber, fullName, birthDate } = someone;
  return { idNumber, oldIdNumber, fullName, birthDate, phoneNumber };
}

function insuredWithPhone(someone: Person): InsuredPerson | undefined {
  if (onOldCmndAtVinaPhone(someone)) return undefined;
  const record = recordOf(someone);
  if (!record.phoneNumber) return undefined;
  const { socialInsuranceNumber, idNumber, fullName, birthDate, phoneNumber } = record;
  return { socialInsuranceNumber, idNumber, fullName, birthDate, phoneNumber };
}

export class RegistryPeople {
  private nextInsuredIndex = 0;
  private nextOnOldCmndIndex = 0;

  /** `size`: how many people the simulators' registries hold (#0 … #size-1). */
  constructor(private readonly size: number) {}

  /** The next insured person nobody has had yet; undefined once the population is used up. */
  takeInsured(): InsuredPerson | undefined {
    const [found, next] = this.firstFrom(this.nextInsuredIndex, insuredWithPhone);
    this.nextInsuredIndex = next;
    return found;
  }

  /** The next person on an old CMND nobody has had yet; undefined once the population is used up. */
  takeOnOldCmnd(): PersonOnOldCmnd | undefined {
    const [found, next] = this.firstFrom(this.nextOnOldCmndIndex, onOldCmndAtVinaPhone);
    this.nextOnOldCmndIndex = next;
    return found;
  }

  private firstFrom<T>(from: number, fits: (someone: Person) => T | undefined): [T | undefined, number] {
    for (let index = from; index < this.size; index++) {
      const found = fits(person(index));
      if (found) return [found, index + 1];
    }
    return [undefined, this.size];
  }
}
